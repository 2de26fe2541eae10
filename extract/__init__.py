"""What happens to one article: read it (``extract.ingest``), find its casualty claims, attributions
and event (``extract.offline`` or ``extract.llm``), and ground every quote in its text
(``extract.text``). The stages across articles live in ``summarise``.
"""
