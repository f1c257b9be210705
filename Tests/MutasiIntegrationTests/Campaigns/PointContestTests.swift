import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Point contests (sanggahan poin) through the API: the employee contests their points while the
/// campaign is open, a tenant admin decides, and an upheld adjustment counts in the points.
@Suite("Point contests")
struct PointContestRouteTests {
    @Test("file, retry, decide and see the adjustment; every refusal changes nothing; every step audited")
    func workflow() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let pegawai = try await http.login("kota-kupang", "pegawai")
            try await CampaignFixtures.placePegawai(http, admin: admin, pegawai: pegawai, tenantID: tenantID, unit: "SDN-1")
            var body = CampaignFixtures.draft("Sanggahan 2026")
            body["pointRules"] = ["health": 40]
            let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, body)
            let c = "/v1/tenants/\(tenantID)/campaigns/\(campaign)"
            let mine = "\(c)/points/me/contests"
            let reason = "Saya bertugas lima tahun di Alor dan itu belum dihitung"

            // A draft campaign is not yet the employee's.
            #expect(try await http.call(.post, mine, token: pegawai, json: ["reason": reason]).status == .notFound)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
            #expect(try await http.call(.put, "\(c)/forms/me", token: pegawai, json: [
                "wish": "stay", "reasons": [["category": "health", "text": "Kontrol bulanan"]]]).status == .created)

            // Bad input: a problem naming the field, nothing stored.
            let short = try await http.call(.post, mine, token: pegawai, json: ["reason": "  pendek  "])
            #expect(short.status == .badRequest)
            #expect(try short.json()["code"] as? String == "contest.invalid_reason")
            #expect(try short.json()["field"] as? String == "reason")
            #expect(try await http.call(.post, mine, token: pegawai, json: ["reason": String(repeating: "x", count: 1001)]).status
                == .badRequest)
            #expect(try await http.call(.post, mine, token: pegawai, json: ["reason": reason, "points": 10]).status == .badRequest)
            #expect(try await http.call(.get, mine, token: pegawai).json()["total"] as? Int == 0)

            // Filed with an Idempotency-Key: a retry answers the same contest; the key is not reused for another.
            let key: HTTPFields = [.init("Idempotency-Key")!: "sanggah-1"]
            let filed = try await http.call(.post, mine, token: pegawai, json: ["reason": reason], headers: key)
            #expect(filed.status == .created, "\(filed.text)")
            let contest = try filed.json()
            let id = try #require(contest["id"] as? String)
            #expect(contest["state"] as? String == "pending")
            #expect(contest["reason"] as? String == reason)
            #expect(filed.headers[.eTag] == "\"v1\"")
            #expect(filed.headers[.location] == "\(c)/contests/\(id)".lowercased())
            let retried = try await http.call(.post, mine, token: pegawai, json: ["reason": reason], headers: key)
            #expect(retried.status == .created)
            #expect(try retried.json()["id"] as? String == id)
            let reused = try await http.call(.post, mine, token: pegawai, json: ["reason": reason + " lagi"], headers: key)
            #expect(reused.status == .conflict)
            #expect(try reused.json()["code"] as? String == "idempotency.key_reused")
            // One pending contest at a time.
            let second = try await http.call(.post, mine, token: pegawai, json: ["reason": reason])
            #expect(second.status == .conflict)
            #expect(try second.json()["code"] as? String == "contest.pending")
            #expect(try await http.call(.get, mine, token: pegawai).json()["total"] as? Int == 1)
            #expect(try await http.call(.get, "\(c)/contests/\(id)", token: pegawai).status == .ok)

            // Staff list with the state filter.
            #expect(try await http.call(.get, "\(c)/contests?state=pending", token: admin).json()["total"] as? Int == 1)
            #expect(try await http.call(.get, "\(c)/contests?state=upheld", token: admin).json()["total"] as? Int == 0)
            #expect(try await http.call(.get, "\(c)/contests?state=maybe", token: admin).status == .badRequest)

            // The decision: If-Match required and current; bad decisions refused naming the field; nothing stored.
            let decision = "\(c)/contests/\(id)/decision"
            let uphold: [String: Any] = ["decision": "uphold", "adjustment": 40, "note": "Masa tugas di Alor terbukti dari SK"]
            #expect(try await http.call(.post, decision, token: admin, json: uphold).status.code == 428)
            let stale = try await http.call(.post, decision, token: admin, json: uphold, headers: [.ifMatch: "\"v7\""])
            #expect(stale.status.code == 412)
            #expect(try stale.json()["code"] as? String == "contest.version_mismatch")
            let v1: HTTPFields = [.ifMatch: "\"v1\""]
            for (bad, code, field) in [
                (["decision": "uphold", "note": "Tanpa angka"], "contest.invalid_adjustment", "adjustment"),
                (["decision": "uphold", "adjustment": 0, "note": "Nol"], "contest.invalid_adjustment", "adjustment"),
                (["decision": "uphold", "adjustment": 501, "note": "Terlalu banyak"], "contest.invalid_adjustment", "adjustment"),
                (["decision": "reject", "adjustment": 5, "note": "Tolak"], "contest.invalid_adjustment", "adjustment"),
                (["decision": "uphold", "adjustment": 40, "note": "   "], "contest.invalid_note", "note"),
                (["decision": "maybe", "note": "Entah"], "contest.invalid_decision", "decision"),
            ] as [([String: Any], String, String)] {
                let refused = try await http.call(.post, decision, token: admin, json: bad, headers: v1)
                #expect(refused.status == .badRequest, "\(bad)")
                #expect(try refused.json()["code"] as? String == code, "\(bad)")
                #expect(try refused.json()["field"] as? String == field, "\(bad)")
            }
            var raw = v1
            raw[.authorization] = "Bearer \(admin)"
            raw[.contentType] = "application/json"
            let huge = try await http.execute(uri: decision, method: .post, headers: raw, body: ByteBuffer(
                string: #"{"decision": "uphold", "adjustment": 99999999999999999999999, "note": "x"}"#))
            #expect(huge.status == .badRequest)
            let unchanged = try await http.call(.get, "\(c)/contests/\(id)", token: admin)
            #expect(try unchanged.json()["state"] as? String == "pending")
            #expect(unchanged.headers[.eTag] == "\"v1\"")

            let upheld = try await http.call(.post, decision, token: admin, json: uphold, headers: v1)
            #expect(upheld.status == .ok, "\(upheld.text)")
            #expect(try upheld.json()["state"] as? String == "upheld")
            #expect(try upheld.json()["adjustment"] as? Int == 40)
            #expect(try upheld.json()["note"] as? String == "Masa tugas di Alor terbukti dari SK")
            #expect(upheld.headers[.eTag] == "\"v2\"")
            let again = try await http.call(.post, decision, token: admin, json: uphold, headers: [.ifMatch: "\"v2\""])
            #expect(again.status == .conflict)
            #expect(try again.json()["code"] as? String == "contest.already_decided")

            // The adjustment is part of the points, after the rules.
            let points = try await http.call(.get, "\(c)/points/me", token: pegawai).json()
            #expect(points["total"] as? Int == 80)
            let parts = points["breakdown"] as? [[String: Any]] ?? []
            #expect(parts.map { $0["rule"] as? String } == ["health", "contest"])
            #expect(parts.last?["points"] as? Int == 40)
            #expect(parts.last?["detail"] as? String == "Masa tugas di Alor terbukti dari SK")

            // A second contest may follow the first; a negative adjustment keeps the total at 0.
            let down = try await PointContestFixtures.file(http, token: pegawai, tenantID: tenantID, campaign: campaign)
            let lowered = try await PointContestFixtures.decide(http, token: admin, tenantID: tenantID, campaign: campaign, down,
                                                                ["decision": "uphold", "adjustment": -500, "note": "Koreksi"])
            #expect(lowered.status == .ok, "\(lowered.text)")
            #expect(try await http.call(.get, "\(c)/points/me", token: pegawai).json()["total"] as? Int == 0)
            let third = try await PointContestFixtures.file(http, token: pegawai, tenantID: tenantID, campaign: campaign)
            let rejected = try await PointContestFixtures.decide(http, token: admin, tenantID: tenantID, campaign: campaign, third,
                                                                 ["decision": "reject", "note": "Tidak ada bukti baru"])
            #expect(rejected.status == .ok)
            #expect(try rejected.json()["state"] as? String == "rejected")
            #expect(try rejected.json()["adjustment"] == nil)
            let after = try await http.call(.get, "\(c)/points/me", token: pegawai).json()
            #expect((after["breakdown"] as? [[String: Any]])?.map { $0["points"] as? Int } == [40, 40, -500])

            // Closed: no more contests; the employee still reads theirs.
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "close").status == .ok)
            let late = try await http.call(.post, mine, token: pegawai, json: ["reason": reason])
            #expect(late.status == .conflict)
            #expect(try late.json()["code"] as? String == "campaign.not_open")
            let listed = try await http.call(.get, mine, token: pegawai).json()
            #expect(listed["total"] as? Int == 3)

            // Audited, without the free text of the reason.
            let events = try await http.call(.get, "/v1/tenants/\(tenantID)/audit-events?entityType=point_contest&limit=200",
                                             token: admin).json()["items"] as? [[String: Any]] ?? []
            #expect(events.map { $0["action"] as? String ?? "" }.sorted() == [
                "points.contest_rejected", "points.contest_upheld", "points.contest_upheld",
                "points.contested", "points.contested", "points.contested"])
            #expect(!events.contains { (auditText($0["after"]) ?? "").contains("Alor dan itu") })
            #expect(events.contains { $0["action"] as? String == "points.contest_upheld" && ($0["entityID"] as? String) == id.lowercased() })
        }
    }

    @Test("another tenant's campaigns and contests answer 404, and an employee sees no one else's")
    func foreignAndOthers() async throws {
        try await TestApp.run { http, services, db, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let pegawai = try await http.login("kota-kupang", "pegawai")
            let nurse = try await PointContestFixtures.employeeUser(http, services, db, username: "perawat",
                                                                    nip: PointContestFixtures.nurse)
            let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Terbuka"))
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
            let theirs = try await PointContestFixtures.file(http, token: nurse, tenantID: tenantID, campaign: campaign)
            let c = "/v1/tenants/\(tenantID)/campaigns/\(campaign)"

            // The other employee's contest is not the demo employee's, nor in their list.
            #expect(try await http.call(.get, "\(c)/contests/\(theirs)", token: pegawai).status == .notFound)
            #expect(try await http.call(.get, "\(c)/points/me/contests", token: pegawai).json()["total"] as? Int == 0)
            #expect(try await http.call(.get, "\(c)/contests/\(theirs)", token: nurse).status == .ok)
            // The education operator does not see a nurse's contest.
            let op = try await http.login("kota-kupang", "operator-pendidikan")
            #expect(try await http.call(.get, "\(c)/contests/\(theirs)", token: op).status == .notFound)
            #expect(try await http.call(.get, "\(c)/contests", token: op).json()["total"] as? Int == 0)
            // A contest under another campaign's path, and unknown ids, are absent.
            let other = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Lain"))
            #expect(try await http.call(.get, "/v1/tenants/\(tenantID)/campaigns/\(other)/contests/\(theirs)", token: admin).status
                == .notFound)
            #expect(try await http.call(.get, "\(c)/contests/\(UUID().uuidString)", token: admin).status == .notFound)
            #expect(try await http.call(.get, "\(c)/contests/not-an-id", token: admin).status == .notFound)

            // Another tenant: Kupang's ids read as absent, under Kupang's path and under its own.
            let mataram = try await http.login("kota-mataram", "admin")
            let mataramID = try await http.call(.get, "/v1/me", token: mataram).json()["scope"] as! String
            for path in ["\(c)/contests", "\(c)/contests/\(theirs)",
                         "/v1/tenants/\(mataramID)/campaigns/\(campaign)/contests",
                         "/v1/tenants/\(mataramID)/campaigns/\(campaign)/contests/\(theirs)"] {
                #expect(try await http.call(.get, path, token: mataram).status == .notFound, "\(path)")
            }
            let decided = try await http.call(.post, "/v1/tenants/\(mataramID)/campaigns/\(campaign)/contests/\(theirs)/decision",
                                              token: mataram, json: ["decision": "reject", "note": "x"], headers: [.ifMatch: "\"v1\""])
            #expect(decided.status == .notFound)
            #expect(try await http.call(.get, "\(c)/contests/\(theirs)", token: admin).json()["state"] as? String == "pending")
        }
    }
}
