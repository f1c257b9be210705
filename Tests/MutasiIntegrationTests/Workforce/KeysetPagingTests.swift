import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Employee, unit and slot lists page by cursor: each page starts after the last item of the one
/// before, so deep pages cost what the first does.
@Suite("Keyset paging")
struct KeysetPagingTests {
    /// Follows `next` from the first page to the last, returning every page's items.
    static func walk(_ http: some TestClientProtocol, token: String, _ path: String, limit: Int)
        async throws -> (items: [[String: Any]], pages: Int, total: Int) {
        let separator = path.contains("?") ? "&" : "?"
        var uri = "\(path)\(separator)limit=\(limit)"
        var items: [[String: Any]] = []
        var pages = 0
        var total = 0
        while true {
            let response = try await http.call(.get, uri, token: token)
            guard response.status == .ok else { throw TestSetupError("\(uri): \(response.status) \(response.text)") }
            let page = try response.json()
            items += page["items"] as? [[String: Any]] ?? []
            total = page["total"] as? Int ?? -1
            pages += 1
            guard let next = page["next"] as? String else { break }
            uri = "\(path)\(separator)limit=\(limit)&cursor=\(next)"
        }
        return (items, pages, total)
    }

    /// The demo province's admin token and the path of its tenant.
    static func sabangau(_ http: some TestClientProtocol) async throws -> (String, String) {
        let token = try await http.login("provinsi-sabangau", "admin")
        return (token, "/v1/tenants/" + (try await http.call(.get, "/v1/me", token: token).json()["scope"] as! String))
    }

    @Test("employee, unit and slot pages chain by cursor without gaps or repeats, in the order offset paging gives")
    func chains() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, t) = try await Self.sabangau(http)

            let employees = try await Self.walk(http, token: token, "\(t)/employees", limit: 200)
            let nips = employees.items.map { $0["nip"] as! String }
            #expect(employees.total > 2000 && nips.count == employees.total, "\(nips.count) of \(employees.total)")
            #expect(Set(nips).count == nips.count, "a NIP came twice")
            #expect(nips == nips.sorted(), "pages out of order")
            #expect(employees.pages == (employees.total + 199) / 200)
            // The same list by offset, around a page boundary.
            let byOffset = try await http.call(.get, "\(t)/employees?limit=3&offset=199", token: token).json()["items"] as! [[String: Any]]
            #expect(byOffset.map { $0["nip"] as! String } == Array(nips[199..<202]))

            // A filter holds across pages, and the total is the filtered list's.
            let pppk = try await Self.walk(http, token: token, "\(t)/employees?kind=PPPK", limit: 7)
            #expect(pppk.items.count == pppk.total && pppk.total > 7, "\(pppk.items.count) of \(pppk.total)")
            #expect(pppk.items.allSatisfy { $0["kind"] as? String == "PPPK" })
            #expect(Set(pppk.items.map { $0["nip"] as! String }).count == pppk.total)

            let units = try await Self.walk(http, token: token, "\(t)/units", limit: 9)
            let unitCodes = units.items.map { $0["code"] as! String }
            #expect(unitCodes.count == units.total && units.pages > 1 && Set(unitCodes).count == unitCodes.count)
            #expect(unitCodes == unitCodes.sorted())

            let slots = try await Self.walk(http, token: token, "\(t)/slots", limit: 50)
            let slotIDs = slots.items.map { $0["id"] as! String }
            #expect(slotIDs.count == slots.total && slots.pages > 1 && Set(slotIDs).count == slotIDs.count)
            // Slots come by unit code, then slot code: the same order as offset paging.
            var offsetIDs: [String] = []
            while offsetIDs.count < slots.total {
                let page = try await http.call(.get, "\(t)/slots?limit=200&offset=\(offsetIDs.count)", token: token).json()
                let items = page["items"] as! [[String: Any]]
                guard !items.isEmpty else { break }
                offsetIDs += items.map { $0["id"] as! String }
            }
            #expect(slotIDs == offsetIDs)

            // The last page says so by having no next; an offset page gives a cursor for what follows.
            let last = try await http.call(.get, "\(t)/units?limit=1&offset=\(units.total - 1)", token: token).json()
            #expect((last["items"] as? [[String: Any]])?.count == 1 && last["next"] == nil)
            let first = try await http.call(.get, "\(t)/units?limit=2&offset=1", token: token).json()
            let after = try await http.call(.get, "\(t)/units?limit=1&cursor=\(first["next"] as! String)", token: token).json()
            #expect((after["items"] as! [[String: Any]])[0]["code"] as? String == unitCodes[3])
        }
    }

    @Test("a cursor that this list did not give is a 400 naming cursor; an offset beside it names offset")
    func badCursor() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, t) = try await Self.sabangau(http)
            let unitCursor = try await http.call(.get, "\(t)/units?limit=1", token: token).json()["next"] as! String
            func base64url(_ text: String) -> String {
                Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            }
            let bad = [
                "not*a*cursor", base64url("hello"), base64url("[\"employees\"]"), base64url("[\"employees\",1]"),
                base64url("[\"employees\",\"1\\u0000\"]"), unitCursor, String(repeating: "A", count: 2000),
            ]
            for cursor in bad {
                let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
                let response = try await http.call(.get, "\(t)/employees?cursor=\(encoded)", token: token)
                #expect(response.status == .badRequest, "\(cursor): \(response.status)")
                let problem = try response.json()
                #expect(problem["field"] as? String == "cursor" && problem["code"] as? String == "page.invalid_cursor",
                        "\(cursor): \(response.text)")
            }
            let slots = try await http.call(.get, "\(t)/slots?cursor=\(unitCursor)", token: token)
            #expect(try slots.status == .badRequest && (try slots.json()["field"] as? String) == "cursor")
            let both = try await http.call(.get, "\(t)/units?offset=5&cursor=\(unitCursor)", token: token)
            #expect(try both.status == .badRequest && (try both.json()["field"] as? String) == "offset", "\(both.text)")
        }
    }
}
