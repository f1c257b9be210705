import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiServices
import Testing

/// One API: ids in lower case, unknown fields refused, updates that change nothing keep the
/// version, audit snapshots as JSON.
@Suite struct APIConsistencyTests {
    static let upperUUID = try! NSRegularExpression(pattern: "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")

    static func hasUpperCaseID(_ text: String) -> Bool {
        upperUUID.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            // A match of upper-case hex digits only; "0000..." alone has no letter to tell.
            (Range(match.range, in: text).map { text[$0] } ?? "").contains { $0.isLetter }
        } ?? false
    }

    @Test("a created resource's body, Location and list carry the same lower-case id; ids are accepted in either case")
    func lowerCaseIDs() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let t = "/v1/tenants/\(tenantID)"
            let agencies = try await http.call(.get, "\(t)/agencies", token: admin)
            #expect(!Self.hasUpperCaseID(agencies.text), "\(agencies.text.prefix(300))")
            let agency = try #require((try agencies.json()["items"] as? [[String: Any]])?.first?["id"] as? String)
            let created = try await http.call(.post, "\(t)/units", token: admin, json: [
                "agencyID": agency.uppercased(), "code": "KASUS-1", "name": "Unit Huruf", "regionCode": "53.71.01"])
            #expect(created.status == .created, "\(created.text)")
            #expect(!Self.hasUpperCaseID(created.text), "\(created.text)")
            let body = try created.json()
            let id = try #require(body["id"] as? String)
            #expect(id == id.lowercased() && UUID(uuidString: id) != nil)
            #expect(body["agencyID"] as? String == agency.lowercased())
            #expect(created.headers[.location] == "\(t)/units/\(id)")
            let list = try await http.call(.get, "\(t)/units?q=KASUS-1", token: admin)
            #expect(!Self.hasUpperCaseID(list.text))
            #expect((try list.json()["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let upper = try await http.call(.get, "\(t)/units/\(id.uppercased())", token: admin)
            #expect(upper.status == .ok)
            #expect(try upper.json()["id"] as? String == id)
            let me = try await http.call(.get, "/v1/me", token: admin)
            #expect(!Self.hasUpperCaseID(me.text), "\(me.text)")
            // Problem details name ids in lower case too.
            let unknown = UUID()
            let refused = try await http.call(.post, "\(t)/units", token: admin, json: [
                "agencyID": unknown.uuidString, "code": "KASUS-2", "name": "Unit", "regionCode": "53.71.01"])
            #expect(try refused.json()["code"] as? String == "agency.not_found")
            #expect(refused.text.contains(unknown.uuidString.lowercased()) && !Self.hasUpperCaseID(refused.text), "\(refused.text)")
        }
    }

    @Test("id query parameters are spelt as in bodies (agencyID, unitID, slotID); the older agencyId still reads")
    func queryIDSpelling() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let units = try #require(try await http.call(.get, "\(t)/units?limit=200", token: admin).json()["items"] as? [[String: Any]])
            let unit = try #require(units.first { ($0["code"] as? String)?.hasPrefix("SDN") == true })
            let unitID = try #require(unit["id"] as? String), agencyID = try #require(unit["agencyID"] as? String)
            func ids(_ query: String) async throws -> [String] {
                let list = try await http.call(.get, "\(t)/\(query)&limit=200", token: admin)
                #expect(list.status == .ok, "\(query): \(list.text)")
                return (try list.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            let slots = try await ids("slots?unitID=\(unitID)")
            #expect(!slots.isEmpty)
            #expect(try await ids("slots?unitId=\(unitID)") == slots)
            #expect(try await ids("units?agencyID=\(agencyID)").contains(unitID))
            #expect(try await ids("units?agencyID=\(UUID())").isEmpty)
            let employees = try await ids("employees?slotID=\(slots[0])")
            #expect(try await ids("employees?slotId=\(slots[0])") == employees)
            for (query, field) in [("units?agencyID=x", "agencyID"), ("slots?unitId=x", "unitId"), ("employees?slotID=x", "slotID")] {
                let bad = try await http.call(.get, "\(t)/\(query)", token: admin)
                #expect(bad.status == .badRequest)
                #expect(try bad.json()["field"] as? String == field, "\(query)")
            }
        }
    }

    @Test("CSV and .xlsx exports write a cell that is an id in lower case")
    func lowerCaseIDsInSheets() throws {
        let id = UUID()
        let csv = String(decoding: SheetFormat.csv.write(header: ["unit", "note"], rows: [[id.uuidString, "SD-1 \(id.uuidString)"]]),
                         as: UTF8.self)
        #expect(csv.contains(id.uuidString.lowercased() + ";"))
        #expect(csv.contains("SD-1 \(id.uuidString)"))   // text that merely contains an id is left as written
    }

    @Test("unknown JSON fields are refused, naming the first one, nested ones by their path")
    func unknownFields() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let agency = try #require((try await http.call(.get, "\(t)/agencies", token: admin).json()["items"] as? [[String: Any]])?
                .first?["id"] as? String)
            let create = try await http.call(.post, "\(t)/units", token: admin, json: [
                "agencyID": agency, "code": "EKSTRA-1", "name": "Unit", "regionCode": "53.71.01", "remot": true, "colour": "red"])
            #expect(create.status == .badRequest)
            #expect(try create.json()["code"] as? String == "request.unknown_field")
            #expect(try create.json()["field"] as? String == "colour")
            #expect(try await http.call(.get, "\(t)/units?q=EKSTRA-1", token: admin).json()["total"] as? Int == 0)

            let unit = try #require((try await http.call(.get, "\(t)/units?q=SDN-1", token: admin).json()["items"] as? [[String: Any]])?.first)
            let path = "\(t)/units/\(unit["id"] as! String)"
            let etag = try #require(try await http.call(.get, path, token: admin).headers[.eTag])
            let patch = try await http.call(.patch, path, token: admin, json: ["nmae": "Salah Eja"], headers: [.ifMatch: etag])
            #expect(patch.status == .badRequest)
            #expect(try patch.json()["field"] as? String == "nmae")
            #expect(try await http.call(.get, path, token: admin).headers[.eTag] == etag)

            // Nested: an element of a list inside an object.
            let slot = try #require((try await http.call(.get, "\(t)/slots?limit=1", token: admin).json()["items"] as? [[String: Any]])?
                .first?["id"] as? String)
            let nested = try await http.call(.post, "\(t)/needs-analyses", token: admin, json: [
                "slotID": slot, "year": 2026,
                "tasks": [["name": "A", "volume": "0.1", "standardMinutes": 10], ["name": "B", "volume": 1, "standardMinutes": 10, "extra": 1]]])
            #expect(nested.status == .badRequest, "\(nested.text)")
            #expect(try nested.json()["code"] as? String == "request.unknown_field")
            #expect(try nested.json()["field"] as? String == "tasks[1].extra")
            // Known fields still decode as before: a decimal volume stays exact.
            let exact = try await http.call(.post, "\(t)/needs-analyses", token: admin, json: [
                "slotID": slot, "year": 2026, "tasks": [["name": "A", "volume": 0.1, "standardMinutes": 10]]])
            #expect(exact.status == .created, "\(exact.text)")
            #expect(((try exact.json()["tasks"] as? [[String: Any]])?.first?["volume"]) as? String == "0.1", "\(exact.text)")
        }
    }

    @Test("an update that changes nothing keeps the version and ETag and writes no audit event")
    func noOpUpdates() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            func auditTotal() async throws -> Int {
                try await http.call(.get, "\(t)/audit-events?limit=1", token: admin).json()["total"] as? Int ?? -1
            }
            let unit = try #require((try await http.call(.get, "\(t)/units?q=SDN-1", token: admin).json()["items"] as? [[String: Any]])?.first)
            let employee = try #require((try await http.call(.get, "\(t)/employees?nip=198503152010011002", token: admin)
                .json()["items"] as? [[String: Any]])?.first)
            let cases: [(String, [String: Any])] = [
                ("\(t)/units/\(unit["id"] as! String)", ["name": unit["name"] as! String, "remote": false]),
                ("\(t)/employees/\(employee["id"] as! String)", ["name": employee["name"] as! String, "grade": "III/c"]),
                ("\(t)/needs-settings", ["rounding": "up"]),
            ]
            for (path, body) in cases {
                let read = try await http.call(.get, path, token: admin)
                let etag = try #require(read.headers[.eTag])
                let events = try await auditTotal()
                let same = try await http.call(.patch, path, token: admin, json: body, headers: [.ifMatch: etag])
                #expect(same.status == .ok, "\(path): \(same.text)")
                #expect(same.headers[.eTag] == etag, "\(path)")
                #expect(try same.json()["version"] as? Int == (try read.json()["version"] as? Int))
                #expect(try await auditTotal() == events, "\(path)")
                #expect(try await http.call(.get, path, token: admin).headers[.eTag] == etag)
                // A stale ETag is still refused, change or not.
                if etag != "\"v0\"" {
                    let stale = try await http.call(.patch, path, token: admin, json: body, headers: [.ifMatch: "\"v0\""])
                    #expect(stale.status == .preconditionFailed, "\(path)")
                }
            }
            // A real change still moves the version and is audited.
            let path = "\(t)/units/\(unit["id"] as! String)"
            let etag = try #require(try await http.call(.get, path, token: admin).headers[.eTag])
            let events = try await auditTotal()
            let renamed = try await http.call(.patch, path, token: admin, json: ["name": "SD Negeri 1 Baru"], headers: [.ifMatch: etag])
            #expect(renamed.headers[.eTag] != etag)
            #expect(try await auditTotal() == events + 1)
        }
    }

    @Test("audit events carry before and after as JSON objects; the chain still verifies")
    func auditSnapshotsAsObjects() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let unit = try #require((try await http.call(.get, "\(t)/units?q=SDN-1", token: admin).json()["items"] as? [[String: Any]])?.first)
            let path = "\(t)/units/\(unit["id"] as! String)"
            let etag = try #require(try await http.call(.get, path, token: admin).headers[.eTag])
            #expect(try await http.call(.patch, path, token: admin, json: ["name": "SD Objek"], headers: [.ifMatch: etag]).status == .ok)
            let events = try await http.call(.get, "\(t)/audit-events?action=unit.update", token: admin)
            let event = try #require((try events.json()["items"] as? [[String: Any]])?.first)
            let before = try #require(event["before"] as? [String: Any], "\(event)")
            let after = try #require(event["after"] as? [String: Any], "\(event)")
            #expect(before["name"] as? String == unit["name"] as? String)
            #expect(after["name"] as? String == "SD Objek")
            #expect(after["id"] as? String == unit["id"] as? String)
            let verification = try await http.call(.get, "\(t)/audit-verification", token: admin).json()
            #expect(verification["firstBrokenSeq"] == nil || verification["firstBrokenSeq"] is NSNull, "\(verification)")
            #expect((verification["eventsChecked"] as? Int ?? 0) > 0, "\(verification)")
        }
    }
}
