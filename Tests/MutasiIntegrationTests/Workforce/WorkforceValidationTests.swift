import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Each validation rule of units, slots and employees answers 400 with its stable code and field.
@Suite("Workforce validation")
struct WorkforceValidationTests {
    struct Bad: Sendable {
        var path: String
        var body: [String: String]
        var code: String
        var field: String?
    }

    @Test("every rule names its code and field")
    func rules() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let agencies = try await http.call(.get, "\(t)/agencies", token: token).json()["items"] as! [[String: Any]]
            let agency = agencies.first { $0["code"] as? String == "dinas-pendidikan" }!["id"] as! String
            let unit = (try await http.call(.get, "\(t)/units?q=SDN-1", token: token).json()["items"] as! [[String: Any]])[0]["id"] as! String
            let slot = (try await http.call(.get, "\(t)/slots?unitID=\(unit)", token: token).json()["items"] as! [[String: Any]])[0]["id"] as! String

            func unitBody(_ region: String, code: String = "NEW-1") -> [String: Any] {
                ["agencyID": agency, "code": code, "name": "Unit Baru", "regionCode": region]
            }
            func employee(_ nip: String, kind: String = "PNS", grade: String = "III/a", extra: [String: Any] = [:]) -> [String: Any] {
                ["nip": nip, "kind": kind, "name": "Pegawai Uji", "grade": grade].merging(extra) { _, b in b }
            }
            func slotBody(min: Int, max: Int, unitID: String = unit, kind: String = "Guru") -> [String: Any] {
                ["unitID": unitID, "code": "NEW-SLOT", "name": "Guru Baru", "kind": kind, "grades": ["min": min, "max": max]]
            }
            let unknown = UUID().uuidString.lowercased()
            let cases: [(String, [String: Any], String, String?)] = [
                ("units", unitBody("53.7"), "region_code.invalid", "regionCode"),
                ("units", unitBody("53.70"), "region_code.invalid_regency", "regionCode"),
                ("units", unitBody("53.71.00"), "region_code.invalid_district", "regionCode"),
                ("units", unitBody("52.71.01"), "unit.region_outside_tenant", "regionCode"),
                ("units", unitBody("53.71.01", code: "bad code!"), "unit_code.invalid", "code"),
                ("units", unitBody("53.71.01", code: "SDN-1"), "unit.code_taken", nil),
                ("units", ["agencyID": unknown, "code": "X", "name": "X", "regionCode": "53.71.01"], "agency.not_found", "agencyID"),
                ("slots", slotBody(min: 13, max: 9), "slot.grade_range_inverted", "grades"),
                ("slots", slotBody(min: 0, max: 9), "grade.out_of_range", "grades.min"),
                ("slots", slotBody(min: 9, max: 18), "grade.out_of_range", "grades.max"),
                ("slots", slotBody(min: 9, max: 12, unitID: unknown), "unit.not_found", "unitID"),
                ("slots", slotBody(min: 9, max: 12, kind: "Astronot"), "position_kind.invalid", "kind"),
                ("employees", employee("1985031520100110021"), "nip.invalid_length", "nip"),
                ("employees", employee("1.98503E+17"), "nip.scientific_notation", "nip"),
                ("employees", employee("198502302010011002"), "nip.invalid_birth_date", "nip"),
                ("employees", employee("198503152001011002"), "nip.start_before_age_18", "nip"),
                ("employees", employee("198503152010131002"), "nip.invalid_start_month", "nip"),
                ("employees", employee("198503152010013002"), "nip.invalid_sex", "nip"),
                ("employees", employee("198503152010011000"), "nip.invalid_sequence", "nip"),
                ("employees", employee("19850315201001100A"), "nip.invalid_characters", "nip"),
                ("employees", employee("200012312024011001", kind: "PPPK", grade: "IX"), "pppk_number.invalid_marker", "nip"),
                ("employees", employee("200012312024211001", kind: "PPPK", grade: "III/a"), "pppk_grade.invalid", "grade"),
                ("employees", employee("198503152010011009", grade: "V/a"), "grade.invalid", "grade"),
                ("employees", employee("198503152010011009", extra: ["birthDate": "1985-03-16"]), "employee.birth_date_mismatch", "birthDate"),
                ("employees", employee("198503152010011009", extra: ["sex": "female"]), "employee.sex_mismatch", "sex"),
                ("employees", employee("198503152010011009", extra: ["slotID": unknown, "slotSince": "2020-01-01"]), "slot.not_found", "slotID"),
                ("employees", employee("198503152010011009", extra: ["slotID": slot]), "employee.slot_since_required", "slotSince"),
                ("employees", employee("198503152010011009", extra: ["locked": true]), "employee.lock_reason_required", "lockReason"),
                ("employees", employee("198503152010011009", extra: ["educationLevel": "S9"]), "education_level.invalid", "educationLevel"),
                ("employees", employee("198503152010011009", extra: ["competencies": ["EPI": 7]]), "competency.invalid_level", "competencies"),
                ("employees", employee("203001012050011001"), "nip.birth_date_in_future", "nip"),
                ("employees", employee("199001012030011001"), "nip.start_in_future", "nip"),
                ("employees", employee("200012312030211001", kind: "PPPK", grade: "IX"), "pppk_number.start_in_future", "nip"),
                ("employees", employee("198503152010011002"), "employee.nip_taken", nil),
                ("employees", employee("198503152010011009", kind: "Honorer"), "civil_servant_kind.invalid", "kind"),
            ]
            var failures: [String] = []
            for (path, body, code, field) in cases {
                let response = try await http.call(.post, "\(t)/\(path)", token: token, json: body)
                let problem = (try? response.json()) ?? [:]
                let expectedStatus = code.hasSuffix("_taken") ? 409 : 400
                if response.status.code != expectedStatus || problem["code"] as? String != code || problem["field"] as? String != field {
                    failures.append("\(path) \(body): \(response.status.code) \(response.text), expected \(code) on \(field ?? "-")")
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("updates need the current ETag; placement keeps the position history; retirement follows the table")
    func updates() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let yohanes = (try await http.call(.get, "\(t)/employees?nip=198503152010011002", token: token).json()["items"] as! [[String: Any]])[0]
            let id = yohanes["id"] as! String
            #expect(yohanes["retirementDate"] as? String == "2045-04-01")   // teacher: 60
            let read = try await http.call(.get, "\(t)/employees/\(id)", token: token)
            let etag = try #require(read.headers[.eTag])

            let missing = try await http.call(.patch, "\(t)/employees/\(id)", token: token, json: ["name": "X"])
            #expect(missing.status.code == 428)
            let clinicUnit = (try await http.call(.get, "\(t)/units?q=PKM-1", token: token).json()["items"] as! [[String: Any]])[0]["id"] as! String
            let clinic = (try await http.call(.get, "\(t)/slots?q=PERAWAT&unitID=\(clinicUnit)", token: token).json()["items"] as! [[String: Any]])[0]["id"] as! String
            let moved = try await http.call(.patch, "\(t)/employees/\(id)", token: token,
                                            json: ["placement": ["slotID": clinic, "since": "2025-07-01"], "grade": "III/d"],
                                            headers: [.ifMatch: etag])
            #expect(moved.status == .ok, "\(moved.text)")
            let after = try moved.json()
            #expect(after["gradeLabel"] as? String == "III/d")
            let history = after["positionHistory"] as? [[String: Any]] ?? []
            #expect(history.count == 2)
            #expect(history.first?["endedOn"] as? String == "2025-07-01")
            #expect(history.last?["slotCode"] as? String == "PERAWAT")
            #expect(after["retirementDate"] as? String == "2043-04-01")   // ahli pertama: 58
            let stale = try await http.call(.patch, "\(t)/employees/\(id)", token: token, json: ["name": "Lost"], headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)

            // The retirement-age table is versioned like every other resource: v0 until first replaced.
            let defaults = try await http.call(.get, "\(t)/retirement-ages", token: token)
            #expect(defaults.headers[.eTag] == "\"v0\"")
            let unversioned = try await http.call(.put, "\(t)/retirement-ages", token: token, json: ["functional_first_expert": 60])
            #expect(unversioned.status == .preconditionRequired)
            let table = try await http.call(.put, "\(t)/retirement-ages", token: token, json: ["functional_first_expert": 60],
                                            headers: [.ifMatch: "\"v0\""])
            #expect(table.status == .ok, "\(table.text)")
            #expect(try table.json()["teacher"] as? Int == 60)
            #expect(table.headers[.eTag] == "\"v1\"")
            let staleTable = try await http.call(.put, "\(t)/retirement-ages", token: token, json: ["teacher": 61],
                                                 headers: [.ifMatch: "\"v0\""])
            #expect(staleTable.status == .preconditionFailed)
            #expect(try staleTable.json()["code"] as? String == "retirement_ages.version_mismatch")
            let ages = try await http.call(.get, "\(t)/retirement-ages", token: token)
            #expect(try ages.json()["functional_first_expert"] as? Int == 60, "\(ages.text)")
            #expect(try ages.json()["teacher"] as? Int == 60)
            #expect(ages.headers[.eTag] == "\"v1\"")
            let reread = try await http.call(.get, "\(t)/employees/\(id)", token: token).json()
            #expect(reread["retirementDate"] as? String == "2045-04-01")
            let badAge = try await http.call(.put, "\(t)/retirement-ages", token: token, json: ["teacher": 80], headers: [.ifMatch: "\"v1\""])
            #expect(try badAge.json()["code"] as? String == "retirement_age.out_of_range")

            let rated = try await http.call(.get, "\(t)/employees/\(id)", token: token)
            let ratings2025: [String: Any] = ["ratings": [["year": 2025, "predicate": "Butuh Perbaikan"], ["year": 2024, "predicate": "Baik"]]]
            let unrated = try await http.call(.put, "\(t)/employees/\(id)/performance", token: token, json: ratings2025)
            #expect(unrated.status == .preconditionRequired)
            let performance = try await http.call(.put, "\(t)/employees/\(id)/performance", token: token, json: ratings2025,
                                                  headers: [.ifMatch: rated.headers[.eTag]!])
            #expect(performance.status == .ok, "\(performance.text)")
            #expect(performance.headers[.eTag] != rated.headers[.eTag])
            let stalePerformance = try await http.call(.put, "\(t)/employees/\(id)/performance", token: token,
                                                       json: ["ratings": [["year": 2025, "predicate": "Baik"]]],
                                                       headers: [.ifMatch: rated.headers[.eTag]!])
            #expect(stalePerformance.status == .preconditionFailed)
            let ratings = try performance.json()["performance"] as? [[String: Any]] ?? []
            #expect(ratings.map { $0["predicate"] as? String } == ["Baik", "Baik", "Butuh Perbaikan"])
            let badRating = try await http.call(.put, "\(t)/employees/\(id)/performance", token: token,
                                                json: ["ratings": [["year": 2025, "predicate": "Lumayan"]]],
                                                headers: [.ifMatch: performance.headers[.eTag]!])
            #expect(try badRating.json()["code"] as? String == "skp_predicate.invalid")

            let lock = try await http.call(.get, "\(t)/employees/\(id)", token: token)
            let locked = try await http.call(.patch, "\(t)/employees/\(id)", token: token,
                                             json: ["locked": true, "lockReason": "Menunggu SK"], headers: [.ifMatch: lock.headers[.eTag]!])
            #expect(try locked.json()["lockReason"] as? String == "Menunggu SK")
            let events = try await http.call(.get, "\(t)/audit-events?action=employee.lock", token: token).json()
            #expect(events["total"] as? Int == 1)
        }
    }
}
