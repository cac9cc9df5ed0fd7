"""HTTP answers for exports, shared by the list pages and the API: a streamed CSV or an XLSX
file as an attachment."""

import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from orderdesk.core.exporting import Exporter, csv_chunks, xlsx_write
from orderdesk.exports.services import ExportOptions

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def attachment_response(exporter: Exporter, options: ExportOptions):
    """CSV streams as it is written; XLSX is written to a temporary file, then sent."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{exporter.name}-{stamp}.{options.extension}"
    if options.fmt == "xlsx":
        handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
        xlsx_write(exporter, handle)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
    response = StreamingHttpResponse(
        csv_chunks(exporter, delimiter=options.delimiter, bom=options.bom), content_type=CSV_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
