import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing

/// The campaign states (draft -> open -> closed) with their refusals, versions, idempotent
/// steps and the rule of one open campaign per agency.
@Suite("Preference campaigns")
struct CampaignWorkflowTests {
    @Test("bad campaigns are refused naming the field, and nothing is stored")
    func validation() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let path = "/v1/tenants/\(tenantID)/campaigns"
            var backwards = CampaignFixtures.draft("Mundur")
            backwards["closesAt"] = "2026-11-01T00:00:00Z"
            var early = CampaignFixtures.draft("Batas awal")
            early["answerDeadline"] = "2026-12-15T00:00:00Z"
            var unknown = CampaignFixtures.draft("Kolom asing")
            unknown["pointsRules"] = [:] as [String: Any]
            // RFC 3339 times only: no minute 99, no 30 February, no missing zone.
            var badMinute = CampaignFixtures.draft("Menit 99")
            badMinute["closesAt"] = "2026-12-31T12:99:00Z"
            var badDay = CampaignFixtures.draft("30 Februari")
            badDay["opensAt"] = "2026-02-30T00:00:00Z"
            var noZone = CampaignFixtures.draft("Tanpa zona")
            noZone["closesAt"] = "2026-12-31T00:00:00"
            let cases: [([String: Any], String, String)] = [
                (backwards, "campaign.invalid_period", "closesAt"),
                (early, "campaign.invalid_answer_deadline", "answerDeadline"),
                (unknown, "request.unknown_field", "pointsRules"),
                (badMinute, "request.invalid_value", "closesAt"),
                (badDay, "request.invalid_value", "opensAt"),
                (noZone, "request.invalid_value", "closesAt"),
                (CampaignFixtures.draft("Instansi asing", agencies: [UUID().uuidString]), "agency.not_found", "agencyIDs[0]"),
                (CampaignFixtures.draft("   "), "name.required", "name"),
            ]
            for (body, code, field) in cases {
                let response = try await http.call(.post, path, token: admin, json: body)
                #expect(response.status == .badRequest, "\(code): \(response.text)")
                let problem = try response.json()
                #expect(problem["code"] as? String == code)
                #expect(problem["field"] as? String == field)
            }
            #expect(try await http.call(.get, path, token: admin).json()["total"] as? Int == 0)

            // Fractions of a second and offsets are RFC 3339 too.
            var precise = CampaignFixtures.draft("Presisi")
            precise["opensAt"] = "2026-12-01T07:00:00.250+07:00"
            let created = try await http.call(.post, path, token: admin, json: precise)
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.json()["opensAt"] as? String == "2026-12-01T00:00:00Z")
        }
    }

    @Test("draft -> open -> closed, with If-Match, Idempotency-Key and state refusals")
    func lifecycle() async throws {
        try await TestApp.run { http, _, db, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let id = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Mutasi 2027"))
            let path = "/v1/tenants/\(tenantID)/campaigns/\(id)"
            let read = try await http.call(.get, path, token: admin)
            #expect(read.headers[.eTag] == "\"v1\"")
            #expect(try read.json()["state"] as? String == "draft")

            let closeDraft = try await http.call(.post, "\(path)/close", token: admin, headers: [.ifMatch: "\"v1\""])
            #expect(closeDraft.status == .conflict)
            #expect(try closeDraft.json()["code"] as? String == "campaign.invalid_state")
            #expect(try await http.call(.post, "\(path)/open", token: admin).status.code == 428)
            #expect(try await http.call(.post, "\(path)/open", token: admin, headers: [.ifMatch: "\"v7\""]).status.code == 412)

            let key: HTTPFields.Element.Name = .init("Idempotency-Key")!
            let opened = try await http.call(.post, "\(path)/open", token: admin, headers: [.ifMatch: "\"v1\"", key: "buka-1"])
            #expect(opened.status == .ok, "\(opened.text)")
            #expect(opened.headers[.eTag] == "\"v2\"")
            #expect(try opened.json()["state"] as? String == "open")
            let again = try await http.call(.post, "\(path)/open", token: admin, headers: [.ifMatch: "\"v1\"", key: "buka-1"])
            #expect(again.status == .ok)
            #expect(try again.json()["version"] as? Int == 2)
            let reused = try await http.call(.post, "\(path)/close", token: admin, headers: [.ifMatch: "\"v2\"", key: "buka-1"])
            #expect(try reused.json()["code"] as? String == "idempotency.key_reused")

            let patchOpen = try await http.call(.patch, path, token: admin, json: ["name": "Baru"], headers: [.ifMatch: "\"v2\""])
            #expect(patchOpen.status == .conflict)
            #expect(try patchOpen.json()["code"] as? String == "campaign.invalid_state")

            let closed = try await http.call(.post, "\(path)/close", token: admin, headers: [.ifMatch: "\"v2\""])
            #expect(closed.status == .ok)
            #expect(try closed.json()["state"] as? String == "closed")
            let reopen = try await http.call(.post, "\(path)/open", token: admin, headers: [.ifMatch: "\"v3\""])
            #expect(reopen.status == .conflict)
            #expect(try reopen.json()["code"] as? String == "campaign.invalid_state")

            let actions = try await db.asOwner(tenant: "kota-kupang") { connection, _ in
                try await connection.column("SELECT action FROM audit_events WHERE entity_type = 'campaign' ORDER BY seq", as: String.self)
            }
            #expect(actions == ["campaign.create", "campaign.open", "campaign.close"])
        }
    }

    @Test("a draft is edited with If-Match; one open campaign per agency at a time")
    func overlap() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let a = try await CampaignFixtures.agencies(http, token: admin, tenantID: tenantID)
            let (pendidikan, kesehatan) = (a["dinas-pendidikan"]!, a["dinas-kesehatan"]!)
            func create(_ name: String, _ agencies: [String]) async throws -> String {
                try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft(name, agencies: agencies))
            }
            func step(_ id: String, _ s: String) async throws -> TestResponse {
                try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, id, s)
            }
            let school = try await create("Pendidikan", [pendidikan])
            let both = try await create("Pendidikan dan kesehatan", [pendidikan, kesehatan])
            let clinic = try await create("Kesehatan", [kesehatan])
            let whole = try await create("Seluruh tenant", [])

            let path = "/v1/tenants/\(tenantID)/campaigns/\(whole)"
            #expect(try await http.call(.patch, path, token: admin, json: ["name": "X"]).status.code == 428)
            let edited = try await http.call(.patch, path, token: admin, json: ["agencyIDs": [kesehatan, kesehatan]],
                                             headers: [.ifMatch: "\"v1\""])
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(try edited.json()["agencyIDs"] as? [String] == [kesehatan])
            #expect(try await http.call(.patch, path, token: admin, json: ["name": "Y"], headers: [.ifMatch: "\"v1\""]).status.code == 412)
            let unknown = try await http.call(.patch, path, token: admin, json: ["state": "open"], headers: [.ifMatch: "\"v2\""])
            #expect(try unknown.json()["code"] as? String == "request.unknown_field")
            let cleared = try await http.call(.patch, path, token: admin, json: ["agencyIDs": [] as [String]], headers: [.ifMatch: "\"v2\""])
            #expect(try cleared.json()["agencyIDs"] as? [String] == [])

            #expect(try await step(school, "open").status == .ok)
            for id in [both, whole] {
                let refused = try await step(id, "open")
                #expect(refused.status == .conflict)
                #expect(try refused.json()["code"] as? String == "campaign.overlap")
            }
            #expect(try await step(clinic, "open").status == .ok)
            #expect(try await step(school, "close").status == .ok)
            #expect(try await step(both, "open").status == .conflict)
            #expect(try await step(clinic, "close").status == .ok)
            #expect(try await step(both, "open").status == .ok)
        }
    }
}
