"""The report tables' HTML rows: numbers marked for right alignment, every text escaped."""

from django.utils import translation

from orderdesk.reports.tables import ReportTable, TableColumn


def test_given_a_table_then_number_cells_are_marked_and_text_is_escaped():
    table = ReportTable(
        "cancel-reasons",
        "Top cancel reasons",
        [
            TableColumn("reason", "Reason", "text"),
            TableColumn("orders", "Orders"),
            TableColumn("note", "Note", "text"),
        ],
        [['<b>"Late"</b>', 1200, "A & B"], ["Out of stock", None, ""]],
    )

    with translation.override("en"):
        html = str(table.body_html)

    assert html == (
        '<tr><th scope="row">&lt;b&gt;&quot;Late&quot;&lt;/b&gt;</th>'
        '<td class="num">1,200</td><td>A &amp; B</td></tr>'
        '<tr><th scope="row">Out of stock</th><td class="num">—</td><td></td></tr>'
    )
