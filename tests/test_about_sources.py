"""The About box lists every source named in data/guidance.toml, as titles a person can read."""
import re

from app.core.guidance import GUIDANCE_PATH


def test_about_lists_each_source_by_title_without_codes_or_file_paths():
    from app.ui.screens.settings import guidance_sources
    sources = guidance_sources()
    header = [line for line in GUIDANCE_PATH.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    codes = re.findall(r"(\w+) = ", "\n".join(header))
    assert len(sources) == len(codes) >= 5
    assert any(s.startswith("SpineNation") for s in sources) and any("NHS" in s for s in sources)
    for line in sources:
        assert not re.match(r"^\w+ = ", line) and "shared/" not in line, line
