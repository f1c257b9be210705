import Foundation
import Hummingbird
import MutasiDomain

/// Page numbers of a long list on the pages: `?halaman=N` (from 1), 50 rows a page, and the
/// "previous / next" links under the table.
struct Pager {
    static let size = 50
    static let parameter = "halaman"
    /// The 1-based page asked for.
    let number: Int

    /// Reads `?halaman=`; anything but a whole number from 1 to 100,000 is refused with 400.
    init(_ request: Request) throws {
        number = try Self.number(request.uri.queryParameters.get(Self.parameter))
    }

    /// A page number as typed: absent or empty is page 1; anything but a whole number from 1 to
    /// 100,000 is refused with 400 (so an offset computed from it never overflows).
    static func number(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 1 }
        guard text.count <= 6, let value = Int(text), (1...100_000).contains(value) else {
            throw DomainError.invalid("web.page_invalid", "Nomor halaman tidak valid.", field: parameter)
        }
        return value
    }

    var request: PageRequest { get throws { try PageRequest(limit: Self.size, offset: (number - 1) * Self.size) } }

    /// "Halaman 2 dari 7" with links to the neighbours; `link(n)` gives page n's address.
    func links(total: Int, link: (Int) -> String) -> HTML {
        let pages = max(1, (total + Self.size - 1) / Self.size)
        guard pages > 1 else { return .empty }
        let previous: HTML = number > 1 ? "<a rel=\"prev\" href=\"\(link(number - 1))\">← Sebelumnya</a>" : .empty
        let next: HTML = number < pages ? "<a rel=\"next\" href=\"\(link(number + 1))\">Berikutnya →</a>" : .empty
        return """
            <nav class="pager" aria-label="Halaman">\(previous) <span>Halaman \(IndonesianFormat.number(number)) dari \(IndonesianFormat.number(pages))</span> \(next)</nav>
            """
    }
}
