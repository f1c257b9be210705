import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiPlanning
import MutasiServices
import PostgresNIO
import Testing

/// A plan's review end to end through the router: the tenant admin opens it, employees read
/// their proposed moves with explanations and answer, the admin decides objections, and a
/// re-plan keeps in place those whose objection was upheld.
@Suite("Plan review and answers")
struct PlanReviewWorkflowTests {
    @Test("opening the review: If-Match, idempotency, the campaign's deadline, state checks, audit")
    func openReview() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let draft = try await f.plan(http)
            #expect(draft["status"] as? String == "draft" && draft["answerDeadline"] == nil)
            let etag = try #require(try await http.call(.get, f.planPath, token: f.admin).headers[.eTag])
            let review = "\(f.planPath)/review"
            #expect(try await http.call(.post, review, token: f.admin).status.code == 428)
            #expect(try await http.call(.post, review, token: f.admin, headers: [.ifMatch: "\"v99\""]).status.code == 412)
            // A deadline in the past (by the service clock) is refused naming the field; nothing changes.
            let past = try await http.call(.post, review, token: f.admin, json: ["answerDeadline": "2020-01-01T00:00:00Z"],
                                           headers: [.ifMatch: etag])
            #expect(try past.status == .badRequest && (try past.json()["field"] as? String) == "answerDeadline", "\(past.text)")
            #expect(try await f.plan(http)["status"] as? String == "draft")

            let key: HTTPFields.Element.Name = .init("Idempotency-Key")!
            let opened = try await http.call(.post, review, token: f.admin, headers: [.ifMatch: etag, key: "review-1"])
            #expect(opened.status == .ok, "\(opened.text)")
            let plan = try #require(try opened.json()["plan"] as? [String: Any])
            #expect(plan["status"] as? String == "in_review")
            #expect(plan["answerDeadline"] as? String == ReviewFixture.deadline)
            let answers = try #require(plan["answers"] as? [String: Int])
            #expect(answers == ["accepted": 0, "objected": 0, "pending": 2, "upheld": 0, "rejected": 0])
            // The same request again replays the first answer; a new one finds the plan in review.
            let replayed = try await http.call(.post, review, token: f.admin, headers: [.ifMatch: etag, key: "review-1"])
            #expect(replayed.status == .ok && replayed.headers[.eTag] == opened.headers[.eTag])
            let again = try await http.call(.post, review, token: f.admin, headers: [.ifMatch: opened.headers[.eTag] ?? ""])
            #expect(try again.status == .conflict && (try again.json()["code"] as? String) == "plan.invalid_state", "\(again.text)")
            #expect(try await ReviewFixture.audit(db, entity: "plan").filter { $0 == "plan.review_opened" }.count == 1)

            // A plan without a campaign needs a deadline in the body; an unbuilt plan cannot be reviewed.
            let plain = try await http.call(.post, "\(f.t)/plans", token: f.admin, json: ["name": "Tanpa kampanye"])
            let plainPath = try #require(plain.headers[.location])
            let queued = try await http.call(.post, "\(plainPath)/review", token: f.admin, json: ["answerDeadline": ReviewFixture.deadline],
                                             headers: [.ifMatch: "\"v1\""])
            #expect(try queued.status == .conflict && (try queued.json()["code"] as? String) == "plan.invalid_state", "\(queued.text)")
            _ = try await PlanCampaignTests.build(http, services, token: f.admin, plainPath)
            let plainTag = try await http.call(.get, plainPath, token: f.admin).headers[.eTag] ?? ""
            let missing = try await http.call(.post, "\(plainPath)/review", token: f.admin, headers: [.ifMatch: plainTag])
            #expect(try missing.status == .badRequest && (try missing.json()["code"] as? String) == "plan.answer_deadline_required")
            #expect((try missing.json()["field"] as? String) == "answerDeadline")
            let unknown = try await http.call(.post, "\(plainPath)/review", token: f.admin, json: ["deadline": ReviewFixture.deadline],
                                              headers: [.ifMatch: plainTag])
            #expect(unknown.status == .badRequest)
            let withBody = try await http.call(.post, "\(plainPath)/review", token: f.admin,
                                               json: ["answerDeadline": "2098-06-01T00:00:00Z"], headers: [.ifMatch: plainTag])
            #expect(withBody.status == .ok, "\(withBody.text)")
            #expect((try withBody.json()["plan"] as? [String: Any])?["answerDeadline"] as? String == "2098-06-01T00:00:00Z")
        }
    }

    @Test("each move carries its explanation in Indonesian")
    func explanations() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let moves = try await f.moves(http)
            let volunteer = try #require(moves.first { $0["nip"] as? String == PlanCampaignTests.volunteer }?["explanation"] as? String)
            let silent = try #require(moves.first { $0["nip"] as? String == PlanCampaignTests.silent }?["explanation"] as? String)
            // SD 1 needs 3 teachers and had 1 when the plan was built; the office needs 1 and had none.
            #expect(volunteer.hasPrefix("Jabatan tujuan sd-1/guru kekurangan 2 pegawai (kebutuhan 3, terisi 1 saat rencana disusun)."), "\(volunteer)")
            #expect(silent.hasPrefix("Jabatan tujuan kantor/staf kekurangan 1 pegawai (kebutuhan 1, terisi 0 saat rencana disusun)."), "\(silent)")
            for text in [volunteer, silent] {
                #expect(text.contains("Kesesuaian kompetensi 100 dari 100; tidak perlu pelatihan."), "\(text)")
                #expect(text.contains("Jarak: masih dalam kabupaten/kota yang sama (20)."), "\(text)")
            }
            #expect(volunteer.contains("pilihan ke-1") && volunteer.contains("Mutasi sukarela"), "\(volunteer)")
            #expect(silent.contains("Mutasi wajib") && !silent.contains("pilihan ke-"), "\(silent)")
            #expect(moves.allSatisfy { $0.keys.contains("answer") && $0["answer"] is NSNull })
        }
    }

    @Test("an employee reads and answers their own move until the deadline; a retry changes nothing")
    func answers() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let mine = "\(f.planPath)/moves/me", answer = "\(f.planPath)/moves/me/answer"
            let form = "\(f.t)/campaigns/\(f.campaign)/forms/me"
            // Before the review nothing is proposed to anyone.
            let early = try await http.call(.get, mine, token: f.relawan)
            #expect(try early.status == .conflict && (try early.json()["code"] as? String) == "plan.not_in_review")
            let earlyPut = try await http.call(.put, answer, token: f.relawan, json: ["answer": "accept"])
            #expect(try earlyPut.status == .conflict && (try earlyPut.json()["code"] as? String) == "plan.not_in_review")
            #expect((try await http.call(.get, "\(f.t)/me/proposed-moves", token: f.relawan).json()["items"] as? [Any])?.isEmpty == true)
            #expect(try await http.call(.get, form, token: f.relawan).json()["requestStatus"] as? String == "filed")
            try await f.openReview(http)

            let listed = try await http.call(.get, "\(f.t)/me/proposed-moves", token: f.relawan).json()["items"] as? [[String: Any]]
            let item = try #require(listed?.first)
            #expect(listed?.count == 1 && item["planID"] as? String == f.plan && item["planName"] as? String == "Rotasi 2027")
            #expect(item["answerDeadline"] as? String == ReviewFixture.deadline)
            let move = try #require(item["move"] as? [String: Any])
            #expect(move["nip"] as? String == PlanCampaignTests.volunteer && (move["explanation"] as? String)?.isEmpty == false)
            #expect(move["answer"] is NSNull)
            #expect(try await http.call(.get, form, token: f.relawan).json()["requestStatus"] as? String == "inPlan")
            // Who has no move in the plan, or no record, gets nothing.
            let none = try await http.call(.get, mine, token: f.tetap)
            #expect(try none.status == .notFound && (try none.json()["code"] as? String) == "move.not_found")
            #expect(try await http.call(.put, answer, token: f.tetap, json: ["answer": "accept"]).status == .notFound)
            #expect((try await http.call(.get, "\(f.t)/me/proposed-moves", token: f.tetap).json()["items"] as? [Any])?.isEmpty == true)

            // Accept; the same answer again is the stored one.
            let accepted = try await http.call(.put, answer, token: f.relawan, json: ["answer": "accept"])
            #expect(accepted.status == .created && accepted.headers[.eTag] == "\"v1\"", "\(accepted.text)")
            let retried = try await http.call(.put, answer, token: f.relawan, json: ["answer": "accept"])
            #expect(retried.status == .ok && retried.headers[.eTag] == "\"v1\"")
            #expect(try await http.call(.get, form, token: f.relawan).json()["requestStatus"] as? String == "answered")

            // Objections need a reason of 10 to 1000 characters; an acceptance takes none.
            for bad: [String: Any] in [["answer": "object"], ["answer": "object", "reason": "terlalu"],
                                       ["answer": "object", "reason": String(repeating: "x", count: 1001)],
                                       ["answer": "accept", "reason": "Saya setuju sekali"], ["answer": "maybe"],
                                       ["answer": "accept", "extra": 1]] {
                let refused = try await http.call(.put, answer, token: f.diam, json: bad)
                #expect(refused.status == .badRequest, "\(bad): \(refused.text)")
            }
            #expect(try await f.plan(http)["answers"] as? [String: Int] == ["accepted": 1, "objected": 0, "pending": 1, "upheld": 0, "rejected": 0])
            let reason = "Anak saya bersekolah di dekat SD 2."
            let objected = try await http.call(.put, answer, token: f.diam, json: ["answer": "object", "reason": reason])
            #expect(objected.status == .created, "\(objected.text)")
            // Changing it needs the answer's ETag.
            #expect(try await http.call(.put, answer, token: f.diam, json: ["answer": "accept"]).status.code == 428)
            #expect(try await http.call(.put, answer, token: f.diam, json: ["answer": "accept"], headers: [.ifMatch: "\"v7\""]).status.code == 412)
            let changed = try await http.call(.put, answer, token: f.diam, json: ["answer": "accept"], headers: [.ifMatch: "\"v1\""])
            #expect(changed.status == .ok && changed.headers[.eTag] == "\"v2\"", "\(changed.text)")
            let back = try await http.call(.put, answer, token: f.diam, json: ["answer": "object", "reason": reason], headers: [.ifMatch: "\"v2\""])
            #expect(back.status == .ok && back.headers[.eTag] == "\"v3\"")
            let read = try await http.call(.get, mine, token: f.diam)
            #expect(read.headers[.eTag] == "\"v3\"")
            let stored = try #require((try read.json()["move"] as? [String: Any])?["answer"] as? [String: Any])
            #expect(stored["answer"] as? String == "object" && stored["reason"] as? String == reason && stored["decision"] is NSNull)

            // The plan shows each answer and their counts; the list filters by answer.
            #expect(try await f.plan(http)["answers"] as? [String: Int] == ["accepted": 1, "objected": 1, "pending": 0, "upheld": 0, "rejected": 0])
            let objections = try await f.moves(http, "?answer=objected")
            #expect(objections.map { $0["nip"] as? String } == [PlanCampaignTests.silent])
            #expect((objections.first?["answer"] as? [String: Any])?["reason"] as? String == reason)
            #expect(try await f.moves(http, "?answer=accepted").map { $0["nip"] as? String } == [PlanCampaignTests.volunteer])
            #expect(try await f.moves(http, "?answer=pending").isEmpty)
            #expect(try await http.call(.get, "\(f.planPath)/moves?answer=maybe", token: f.admin).status == .badRequest)
            let trail = try await ReviewFixture.audit(db, entity: "plan_move_answer")
            #expect(trail == ["plan.move_answered", "plan.move_answered", "plan.move_answer_changed", "plan.move_answer_changed"], "\(trail)")
            // The trail keeps the answer, never the reason's text.
            let snapshots = try await db.asOwner(tenant: "kota-uji") { connection, _ in
                try await connection.column("""
                    SELECT coalesce(before_json, '') || coalesce(after_json, '') FROM audit_events WHERE entity_type = 'plan_move_answer'
                    """, as: String.self)
            }
            #expect(snapshots.contains { $0.contains("\"reasonGiven\":true") } && !snapshots.contains { $0.contains("bersekolah") })

            // After the deadline (as stored, read against the service clock) answers are closed.
            try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
                try await connection.query("UPDATE plans SET answer_deadline = now() - interval '1 minute' WHERE tenant_id = \(tenantID)",
                                           logger: TestDatabase.logger)
            }
            let late = try await http.call(.put, answer, token: f.relawan, json: ["answer": "object", "reason": reason],
                                           headers: [.ifMatch: "\"v1\""])
            #expect(try late.status == .conflict && (try late.json()["code"] as? String) == "answer.deadline_passed", "\(late.text)")
            #expect(try await http.call(.get, mine, token: f.relawan).status == .ok)
        }
    }

    @Test("the deadline is read against the service's clock")
    func deadlineClock() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            try await f.openReview(http)
            let deadline = try #require(ISO8601DateFormatter().date(from: ReviewFixture.deadline))
            let actor = try await services.operators.principal(login: "kota-uji/guru-relawan")
            let tenantID = try #require(UUID(uuidString: f.tenantID)), planID = try #require(UUID(uuidString: f.plan))
            func service(at now: Date) -> MoveAnswerService {
                MoveAnswerService(ServiceEnvironment(store: services.env.store, now: { now }))
            }
            do {
                _ = try await service(at: deadline).answer(actor: actor, tenantID: tenantID, planID: planID,
                                                           .init(answer: "accept"), expectedVersion: nil)
                Issue.record("an answer at the deadline was taken")
            } catch let error as DomainError {
                #expect(error.code == "answer.deadline_passed")
            }
            let (move, created) = try await service(at: deadline.addingTimeInterval(-1)).answer(
                actor: actor, tenantID: tenantID, planID: planID, .init(answer: "accept"), expectedVersion: nil)
            #expect(created && move.move.answer?.answer == .accept)
        }
    }

    @Test("objection decisions by the tenant admin, and a re-plan that keeps upheld objectors in place")
    func objectionsAndReplan() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            try await f.openReview(http)
            let answer = "\(f.planPath)/moves/me/answer"
            #expect(try await http.call(.put, answer, token: f.relawan, json: ["answer": "accept"]).status == .created)
            #expect(try await http.call(.put, answer, token: f.diam,
                                        json: ["answer": "object", "reason": "Saya merawat orang tua di dekat SD 2."]).status == .created)
            let onVolunteer = "\(f.planPath)/moves/\(f.volunteerID)/objection"
            let onSilent = "\(f.planPath)/moves/\(f.silentID)/objection"
            let uphold: [String: Any] = ["decision": "uphold", "note": "Alasan keluarga diterima."]
            let notObjection = try await http.call(.post, onVolunteer, token: f.admin, json: uphold, headers: [.ifMatch: "\"v1\""])
            #expect(try notObjection.status == .conflict && (try notObjection.json()["code"] as? String) == "answer.not_objection")
            let noMove = try await http.call(.post, "\(f.planPath)/moves/\(UUID().uuidString.lowercased())/objection", token: f.admin,
                                             json: uphold, headers: [.ifMatch: "\"v1\""])
            #expect(noMove.status == .notFound)
            #expect(try await http.call(.post, onSilent, token: f.admin, json: uphold).status.code == 428)
            #expect(try await http.call(.post, onSilent, token: f.admin, json: uphold, headers: [.ifMatch: "\"v2\""]).status.code == 412)
            let badDecision = try await http.call(.post, onSilent, token: f.admin, json: ["decision": "maybe", "note": "x"],
                                                  headers: [.ifMatch: "\"v1\""])
            #expect(try badDecision.status == .badRequest && (try badDecision.json()["field"] as? String) == "decision")
            let noNote = try await http.call(.post, onSilent, token: f.admin, json: ["decision": "reject", "note": " "],
                                             headers: [.ifMatch: "\"v1\""])
            #expect(try noNote.status == .badRequest && (try noNote.json()["field"] as? String) == "note")
            let key: HTTPFields.Element.Name = .init("Idempotency-Key")!
            let upheld = try await http.call(.post, onSilent, token: f.admin, json: uphold, headers: [.ifMatch: "\"v1\"", key: "keputusan-1"])
            #expect(upheld.status == .ok && upheld.headers[.eTag] == "\"v2\"", "\(upheld.text)")
            #expect(try upheld.json()["decision"] as? String == "upheld" && (try upheld.json()["decisionNote"] as? String) == "Alasan keluarga diterima.")
            let replay = try await http.call(.post, onSilent, token: f.admin, json: uphold, headers: [.ifMatch: "\"v1\"", key: "keputusan-1"])
            #expect(replay.status == .ok && replay.headers[.eTag] == "\"v2\"")
            #expect(try await ReviewFixture.audit(db, entity: "plan_move_answer").filter { $0 == "plan.objection_decided" }.count == 1)
            // The employee sees the decision; the plan counts it.
            let seen = try await http.call(.get, "\(f.planPath)/moves/me", token: f.diam).json()
            #expect(((seen["move"] as? [String: Any])?["answer"] as? [String: Any])?["decision"] as? String == "upheld")
            #expect(try await f.plan(http)["answers"] as? [String: Int] == ["accepted": 1, "objected": 1, "pending": 0, "upheld": 1, "rejected": 0])
            #expect(try await f.moves(http, "?answer=upheld").map { $0["nip"] as? String } == [PlanCampaignTests.silent])

            // Re-plan: same campaign, linked both ways, the upheld objector locked and not moved.
            let refusals: [(Any, String, String)] = [
                (UUID().uuidString.lowercased(), "plan.replan_not_found", "replanOf"),
            ]
            for (id, code, field) in refusals {
                let refused = try await http.call(.post, "\(f.t)/plans", token: f.admin, json: ["name": "Ulang", "replanOf": id])
                #expect(try refused.status == .badRequest && (try refused.json()["code"] as? String) == code, "\(refused.text)")
                #expect((try refused.json()["field"] as? String) == field)
            }
            let plain = try await http.call(.post, "\(f.t)/plans", token: f.admin, json: ["name": "Tanpa kampanye"])
            let plainID = try #require((try plain.json()["plan"] as? [String: Any])?["id"] as? String)
            let noCampaign = try await http.call(.post, "\(f.t)/plans", token: f.admin, json: ["name": "Ulang", "replanOf": plainID])
            #expect(try noCampaign.status == .badRequest && (try noCampaign.json()["field"] as? String) == "replanOf", "\(noCampaign.text)")
            let created = try await http.call(.post, "\(f.t)/plans", token: f.admin, json: ["name": "Rotasi 2027 ulang", "replanOf": f.plan,
                                                                                            "policy": ["scope": "regency"]])
            #expect(created.status == .accepted, "\(created.text)")
            let replan = try #require(try created.json()["plan"] as? [String: Any])
            #expect(replan["replanOf"] as? String == f.plan && replan["campaignID"] as? String == f.campaign)
            #expect(try await f.plan(http)["replannedBy"] as? [String] == [replan["id"] as! String])
            // The build job of the plan without a campaign is queued first.
            _ = try await PlanBuildWorker(services.env).runOnce()
            let (built, moves, instance) = try await PlanCampaignTests.build(http, services, token: f.admin, try #require(created.headers[.location]))
            #expect(built["buildState"] as? String == "built" && built["status"] as? String == "draft")
            #expect(instance.employees.first { $0.id == PlanCampaignTests.silent }?.locked == true)
            #expect(instance.employees.first { $0.id == PlanCampaignTests.volunteer }?.locked == false)
            #expect(!moves.contains { $0["nip"] as? String == PlanCampaignTests.silent })
            #expect(moves.contains { $0["nip"] as? String == PlanCampaignTests.volunteer })

            // The command line shows the answers and re-plans too.
            let env = ["MUTASI_OPERATOR": "kota-uji/admin"]
            let shown = try CLITests.run(["plan", "answers", "--tenant", "kota-uji", f.plan], db: db, env: env)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("2 usulan: 1 menerima, 1 keberatan (1 dikabulkan, 0 ditolak), 0 belum menjawab"), "\(shown.stdout)")
            #expect(shown.stdout.contains("dikabulkan") && shown.stdout.contains("ditinjau"), "\(shown.stdout)")
            let again = try CLITests.run(["plan", "create", "--tenant", "kota-uji", "--name", "CLI ulang", "--replan-of", f.plan,
                                          "--scope", "regency"], db: db, env: env)
            #expect(again.status == 0 && again.stdout.contains("menyusun ulang rencana \(f.plan.lowercased())"), "\(again.stdout) \(again.stderr)")
        }
    }

    @Test("the command line opens a review, with the campaign's deadline or its own")
    func cliReview() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let env = ["MUTASI_OPERATOR": "kota-uji/admin"]
            let past = try CLITests.run(["plan", "review", "--tenant", "kota-uji", f.plan, "--answer-deadline", "2020-01-01"], db: db, env: env)
            #expect(past.status != 0 && past.stderr.contains("plan.answer_deadline_past"), "\(past.stderr)")
            let opened = try CLITests.run(["plan", "review", "--tenant", "kota-uji", f.plan], db: db, env: env)
            #expect(opened.status == 0, "\(opened.stderr)")
            #expect(opened.stdout.contains("ditinjau; batas jawaban 2099-01-01T00:00:00Z"), "\(opened.stdout)")
            let twice = try CLITests.run(["plan", "review", "--tenant", "kota-uji", f.plan], db: db, env: env)
            #expect(twice.status != 0 && twice.stderr.contains("plan.invalid_state"), "\(twice.stderr)")
            let listed = try CLITests.run(["plan", "answers", "--tenant", "kota-uji", f.plan], db: db, env: env)
            #expect(listed.stdout.contains("2 usulan: 0 menerima, 0 keberatan (0 dikabulkan, 0 ditolak), 2 belum menjawab"), "\(listed.stdout)")
            #expect(try await f.plan(http)["status"] as? String == "in_review")
        }
    }
}
