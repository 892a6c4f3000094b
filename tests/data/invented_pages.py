"""Two small news pages about invented projects, companies and people (real division
names only): enough for every kind of IRI a build makes — entities, articles,
statements, value nodes, memberships and roles."""
from pathlib import Path

PAGES = {
    "invented_a.txt": (
        "甲乙智算中心项目开工\n\n"
        "来源：某某网 2025-03-18 09:30\n\n"
        "3月17日，甲乙智算中心项目在哈密市伊州区开工。该项目由丙丁能源有限公司投资建设，"
        "总投资12亿元，建成后算力将达到500P。哈密市委书记王小明出席开工仪式并讲话。"
        "丙丁能源有限公司与戊己科技有限公司签署战略合作协议。\n\n"
        "（记者 李某某）\n"),
    "invented_b.txt": (
        "庚辛数据中心签约落户\n\n"
        "来源：某某网 2025-04-02 10:00\n"
        "4月1日，庚辛数据中心项目签约仪式在哈密市高新技术产业开发区举行。项目由壬癸云计算"
        "有限公司投资建设，总投资8亿元，规划算力300P。哈密市人民政府副市长赵某某出席签约"
        "仪式。\n"),
}


def write_pages(folder: Path, names=None) -> list[Path]:
    """Write the pages (all, or those named) into ``folder``; their paths, sorted."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or sorted(PAGES):
        path = folder / name
        path.write_text(PAGES[name], encoding="utf-8")
        paths.append(path)
    return paths
