/// A horizontal bar chart of need against staff, drawn on the server as SVG. Each group shows
/// its label above two bars, and each bar its figure as text; the staff bars are hatched, so the
/// two series differ without colour. The table beside it carries the same figures.
struct BarChart {
    struct Group {
        var label: String
        var need: Int
        var staff: Int
    }

    var title: String
    var groups: [Group]

    /// Drawn 360 units wide: about life size on a phone, scaled up on wider screens.
    static let width = 360, barRoom = 220, rowHeight = 52, labelLength = 46

    var svg: HTML {
        let top = 8
        let height = top + groups.count * Self.rowHeight + 4
        let largest = max(1, groups.map { max($0.need, $0.staff) }.max() ?? 1)
        let rows = groups.enumerated().map { index, group -> HTML in
            let y = top + index * Self.rowHeight
            let needWidth = Self.barWidth(group.need, of: largest), staffWidth = Self.barWidth(group.staff, of: largest)
            let label = group.label.count > Self.labelLength ? String(group.label.prefix(Self.labelLength - 1)) + "…" : group.label
            return """
                <g><title>\(group.label): kebutuhan \(IndonesianFormat.number(group.need)), pegawai \(IndonesianFormat.number(group.staff))</title>
                <text x="0" y="\(y + 12)">\(label)</text>
                <rect class="bar-need" x="0" y="\(y + 17)" width="\(needWidth)" height="13"></rect>
                <text x="\(needWidth + 6)" y="\(y + 28)">Kebutuhan \(IndonesianFormat.number(group.need))</text>
                <rect class="bar-staff" x="0" y="\(y + 33)" width="\(staffWidth)" height="13"></rect>
                <text x="\(staffWidth + 6)" y="\(y + 44)">Pegawai \(IndonesianFormat.number(group.staff))</text>
                </g>
                """
        }
        return """
            <figure class="chart">
            <figcaption><strong>\(title)</strong></figcaption>
            <ul class="legend"><li><span class="key need"></span>Kebutuhan (ABK)</li><li><span class="key staff"></span>Pegawai saat ini</li></ul>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.width) \(height)" role="img" aria-label="\(title): kebutuhan dan pegawai per baris, angka tertulis pada setiap batang">
            <defs><pattern id="arsir-pegawai" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#e9b98f"></rect><rect width="3" height="6" fill="#a34700"></rect></pattern></defs>
            <line class="axis" x1="0.5" y1="0" x2="0.5" y2="\(height)"></line>
            \(rows)
            </svg>
            </figure>
            """
    }

    /// A bar's length; a non-zero figure is always visible.
    static func barWidth(_ value: Int, of largest: Int) -> Int {
        guard value > 0 else { return 0 }
        return max(2, value * barRoom / largest)
    }
}
