"""Trạm Số hóa Một cửa: the one-stop digitization station."""

__version__ = "0.1.0"
