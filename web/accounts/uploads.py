"""What the web app accepts as an uploaded file (上传文件检查): size, type, contents, name.

Every upload form calls ``check_upload(upload, TYPES)``. A file is refused, with one sentence in Chinese,
when it is over ``LUOSHI_MAX_UPLOAD_MB``, when its extension is not one of the form's types, when its first
bytes are not what the extension says (an .exe renamed .pdf, a .docx that is not a zip), or when it is a
zip (.docx, .xlsx) that would unpack to far more than it weighs (a zip bomb). The original name is only
metadata: ``safe_filename`` cleans it, files are stored under generated names.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError

MB = 1024 * 1024
# A .docx or .xlsx the app opens unpacks to a few MB; 100 MB of XML is not a report or a task table.
MAX_UNZIPPED = 100 * MB
MAX_ZIP_ENTRIES = 2000
MAX_RATIO = 100  # XML compresses about 10:1; a part far beyond that is built to explode

ZIP, PDF, TEXT = "zip", "pdf", "text"
REPORT_TYPES = {".txt": TEXT, ".text": TEXT, ".md": TEXT, ".docx": ZIP, ".pdf": PDF, ".html": TEXT,
                ".htm": TEXT, ".shtml": TEXT, ".xhtml": TEXT}  # what luoshi.read reads
XLSX_TYPES = {".xlsx": ZIP}

# How binary files begin: none of them is a text report, whatever its name says.
BINARY_STARTS = (b"MZ", b"\x7fELF", b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8",
                 b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"Rar!", b"\x1f\x8b", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)
_UNSAFE = re.compile(r'[<>:"/\\|?*]')  # not allowed in a Windows file name, or a path separator
MAX_NAME = 100


def max_upload_bytes() -> int:
    return settings.LUOSHI_MAX_UPLOAD_MB * MB


def check_upload(upload, types: dict[str, str], *, limit: int | None = None):
    """Refuse a bad upload with a ``ValidationError`` in Chinese; returns it with its name cleaned."""
    upload.name = safe_filename(upload.name or "")
    name = upload.name
    extension = PurePosixPath(name).suffix.lower()
    if extension not in types:
        accepted = "、".join(sorted({t.lstrip(".") for t in types}))
        raise ValidationError(f"“{name}”的文件类型不允许: 只接受 {accepted}")
    limit = limit or max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(f"{name}: 文件超过 {limit / MB:g} MB, 不能上传")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    kind = types[extension]
    if kind == PDF and b"%PDF" not in head:
        raise ValidationError(f"“{name}”的内容与扩展名不符: 不是 PDF 文件")
    if kind == TEXT and head.startswith(BINARY_STARTS):
        raise ValidationError(f"“{name}”的内容与扩展名不符: 不是文本文件")
    if kind == ZIP:
        if not head.startswith(b"PK\x03\x04"):
            raise ValidationError(f"“{name}”的内容与扩展名不符: 不是 {extension.lstrip('.')} 文件")
        problem = zip_problem(upload)
        upload.seek(0)
        if problem:
            raise ValidationError(f"“{name}”{problem}")
    return upload


def zip_problem(source) -> str | None:
    """Why a zip (a file object or bytes) must not be opened, or None. Nothing is decompressed.

    Python's zipfile never produces more than an entry's declared size, so checking the declared sizes
    bounds what opening the file can cost.

    >>> import io
    >>> zip_problem(b"PK\\x03\\x04 not really")
    '已损坏, 不是完整的 zip 包 (docx/xlsx)'
    """
    import io

    if isinstance(source, bytes | bytearray | memoryview):
        source = io.BytesIO(bytes(source))
    try:
        with zipfile.ZipFile(source) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return "已损坏, 不是完整的 zip 包 (docx/xlsx)"
    if len(members) > MAX_ZIP_ENTRIES:
        return f"包含超过 {MAX_ZIP_ENTRIES} 个文件, 疑似压缩炸弹, 已拒绝"
    if sum(m.file_size for m in members) > MAX_UNZIPPED:
        return f"解压后超过 {MAX_UNZIPPED // MB} MB, 疑似压缩炸弹, 已拒绝"
    for m in members:
        if m.file_size > MB and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            return f"压缩比异常 (超过 {MAX_RATIO} 倍), 疑似压缩炸弹, 已拒绝"
    return None


def safe_filename(name: str) -> str:
    """An uploaded file's name made harmless to show, log and put in a download header (文件名清理).

    The last path part only; no control characters (NUL, line breaks, right-to-left overrides), no
    characters Windows forbids, no leading dots, no Windows device names; at most 100 characters with
    the extension kept.

    >>> safe_filename("../../etc/passwd"), safe_filename("C:\\\\Windows\\\\报告.docx"), safe_filename("/abs/x.pdf")
    ('passwd', '报告.docx', 'x.pdf')
    >>> safe_filename("a\\x00b\\r\\n.txt"), safe_filename("CON.txt"), safe_filename(".."), safe_filename("..htaccess")
    ('ab.txt', '_CON.txt', '未命名', 'htaccess')
    >>> safe_filename("报告\\u202egpj.exe"), len(safe_filename("长" * 300 + ".docx"))
    ('报告gpj.exe', 100)
    """
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _UNSAFE.sub("_", text).strip().strip(".").strip()
    stem, dot, extension = text.rpartition(".")
    if not dot:
        stem, extension = text, ""
    if _WINDOWS_RESERVED.match(stem.strip()):
        stem = "_" + stem
    extension = extension[:10]
    room = MAX_NAME - (len(extension) + 1 if extension else 0)
    stem = stem[:room].rstrip(". ")
    if not stem:
        return "未命名" + (f".{extension}" if extension else "")
    return f"{stem}.{extension}" if extension else stem
