import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiPlanning
import MutasiServices
import PostgresNIO
import Testing

/// A plan's way from review to a decision through the router: the tenant admin submits it, the
/// approver drops moves, approves or rejects it (four eyes, re-checked against live records),
/// the admin cancels it; every step in the history and the audit trail.
@Suite("Plan submit, approve, reject, drop, cancel")
struct PlanDecisionWorkflowTests {
    @Test("submit: If-Match, answers or the deadline first, undecided objections block, idempotent retry, history and audit")
    func submit() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let d = DecisionFixture(f: f, ppk: try await http.login("kota-uji", "ppk"))
            // A draft is not submitted.
            let draft = try await d.step(http, "submit", token: f.admin)
            #expect(try draft.status == .conflict && (try draft.json()["code"] as? String) == "plan.invalid_state", "\(draft.text)")
            #expect(draft.text.contains("draft"))
            try await f.openReview(http)
            let submit = "\(f.planPath)/submit"
            #expect(try await http.call(.post, submit, token: f.admin).status.code == 428)
            #expect(try await http.call(.post, submit, token: f.admin, headers: [.ifMatch: "\"v99\""]).status.code == 412)
            // Deadline ahead and nobody answered yet.
            let early = try await d.step(http, "submit", token: f.admin)
            #expect(try early.status == .conflict && (try early.json()["code"] as? String) == "plan.review_open", "\(early.text)")
            let answer = "\(f.planPath)/moves/me/answer"
            #expect(try await http.call(.put, answer, token: f.relawan, json: ["answer": "accept"]).status == .created)
            #expect(try await http.call(.put, answer, token: f.diam,
                                        json: ["answer": "object", "reason": "Saya merawat orang tua di dekat SD 2."]).status == .created)
            let undecided = try await d.step(http, "submit", token: f.admin)
            #expect(try undecided.status == .conflict && (try undecided.json()["code"] as? String) == "plan.objections_undecided",
                    "\(undecided.text)")
            #expect(try await f.plan(http)["status"] as? String == "in_review")
            let decided = try await http.call(.post, "\(f.planPath)/moves/\(f.silentID)/objection", token: f.admin,
                                              json: ["decision": "reject", "note": "Formasi dibutuhkan."], headers: [.ifMatch: "\"v1\""])
            #expect(decided.status == .ok, "\(decided.text)")

            let etag = try await d.etag(http)
            let done = try await http.call(.post, submit, token: f.admin, headers: [.ifMatch: etag, DecisionFixture.key: "kirim-1"])
            #expect(done.status == .ok, "\(done.text)")
            let plan = try #require(try done.json()["plan"] as? [String: Any])
            let adminID = try await DecisionFixture.userID(db, "admin")
            #expect(plan["status"] as? String == "submitted" && (plan["submittedBy"] as? String)?.lowercased() == adminID, "\(plan)")
            #expect(plan["submittedAt"] is String && plan["decidedBy"] == nil)
            // The same key replays the first answer; a new request finds the plan submitted.
            let replay = try await http.call(.post, submit, token: f.admin, headers: [.ifMatch: etag, DecisionFixture.key: "kirim-1"])
            #expect(replay.status == .ok && replay.headers[.eTag] == done.headers[.eTag])
            let twice = try await http.call(.post, submit, token: f.admin, headers: [.ifMatch: done.headers[.eTag] ?? ""])
            #expect(try twice.status == .conflict && (try twice.json()["code"] as? String) == "plan.invalid_state")
            #expect(try await ReviewFixture.audit(db, entity: "plan").filter { $0 == "plan.submitted" }.count == 1)
            let history = try await d.history(http)
            #expect(history.map { $0["step"] as? String } == ["review_opened", "submitted"], "\(history)")
            #expect(history.last?["fromStatus"] as? String == "in_review" && history.last?["toStatus"] as? String == "submitted")
            #expect(history.map { $0["seq"] as? Int } == [1, 2])
        }
    }

    @Test("approve and reject: approver only from submitted, four eyes, reason checked, who decided recorded")
    func decide() async throws {
        try await TestApp.run { http, services, db, _ in
            let d = try await DecisionFixture.submitted(http, services, db)
            let f = d.f
            let ppkID = try await DecisionFixture.userID(db, "ppk")
            // Four eyes: an approver who built or submitted the plan may not decide it.
            try await DecisionFixture.sql(db, "UPDATE plans SET created_by = '\(ppkID)' WHERE id = '\(f.plan)'")
            let own = try await d.step(http, "approve", token: d.ppk)
            #expect(try own.status == .forbidden && (try own.json()["code"] as? String) == "plan.four_eyes", "\(own.text)")
            let ownReject = try await d.step(http, "reject", token: d.ppk, json: ["reason": "Formasi belum dianggarkan."])
            #expect(try ownReject.status == .forbidden && (try ownReject.json()["code"] as? String) == "plan.four_eyes")
            let adminID = try await DecisionFixture.userID(db, "admin")
            try await DecisionFixture.sql(db, "UPDATE plans SET created_by = '\(adminID)', submitted_by = '\(ppkID)' WHERE id = '\(f.plan)'")
            #expect(try await d.step(http, "approve", token: d.ppk).status == .forbidden)
            try await DecisionFixture.sql(db, "UPDATE plans SET submitted_by = '\(adminID)' WHERE id = '\(f.plan)'")
            #expect(try await f.plan(http)["status"] as? String == "submitted")

            // The tenant admin cannot approve; a short or missing reason is refused naming it.
            #expect(try await d.step(http, "approve", token: f.admin).status == .forbidden)
            let short = try await d.step(http, "reject", token: d.ppk, json: ["reason": "Tidak."])
            #expect(try short.status == .badRequest && (try short.json()["field"] as? String) == "reason", "\(short.text)")
            let missing = try await d.step(http, "reject", token: d.ppk)
            #expect(try missing.status == .badRequest && (try missing.json()["field"] as? String) == "reason")
            #expect(try await http.call(.post, "\(f.planPath)/approve", token: d.ppk).status.code == 428)

            let rejected = try await d.step(http, "reject", token: d.ppk, json: ["reason": "Formasi belum dianggarkan tahun ini."])
            #expect(rejected.status == .ok, "\(rejected.text)")
            let plan = try #require(try rejected.json()["plan"] as? [String: Any])
            #expect(plan["status"] as? String == "rejected" && plan["decisionNote"] as? String == "Formasi belum dianggarkan tahun ini.")
            #expect((plan["decidedBy"] as? String)?.lowercased() == ppkID && plan["decidedAt"] is String)
            let late = try await d.step(http, "approve", token: d.ppk)
            #expect(try late.status == .conflict && (try late.json()["code"] as? String) == "plan.invalid_state"
                    && late.text.contains("rejected"), "\(late.text)")

            // Submitted again (owner SQL): approved with a note; the history has every step.
            try await DecisionFixture.sql(db, "UPDATE plans SET status = 'submitted' WHERE id = '\(f.plan)'")
            let approved = try await d.step(http, "approve", token: d.ppk, json: ["note": "Sesuai kebutuhan."], key: "setuju-1")
            #expect(approved.status == .ok, "\(approved.text)")
            let after = try #require(try approved.json()["plan"] as? [String: Any])
            #expect(after["status"] as? String == "approved" && after["decisionNote"] as? String == "Sesuai kebutuhan.")
            #expect(try await d.step(http, "reject", token: d.ppk, json: ["reason": "Terlambat ditolak."]).status == .conflict)
            let steps = try await d.history(http).map { $0["step"] as? String }
            #expect(steps == ["review_opened", "submitted", "rejected", "approved"], "\(steps)")
            let actions = try await ReviewFixture.audit(db, entity: "plan")
            #expect(actions.contains("plan.rejected") && actions.contains("plan.approved"), "\(actions)")

            // The volunteer's transfer request is decided: granted, to the unit of the move.
            let form = try await http.call(.get, "\(f.t)/campaigns/\(f.campaign)/forms/me", token: f.relawan).json()
            #expect(form["requestStatus"] as? String == "decided" && form["granted"] as? Bool == true, "\(form)")
            #expect((form["decisionReason"] as? String)?.hasPrefix("Dimutasi ke unit ") == true, "\(form)")
        }
    }

    @Test("dropping a move recomputes the plan's figures for the moves kept; twice is refused; retry and filters")
    func dropMove() async throws {
        try await TestApp.run { http, services, db, _ in
            let d = try await DecisionFixture.submitted(http, services, db)
            let f = d.f
            let before = try await f.plan(http)
            #expect(before["moveCount"] as? Int == 2)
            let beforeVoice = try #require(before["voice"] as? [String: Int])
            #expect(beforeVoice["compulsoryMoves"] == 1)
            let drop = "moves/\(f.silentID)/drop"
            // The silent teacher's objection was rejected (owner SQL): once dropped, the answer
            // counts cover the kept move only.
            try await DecisionFixture.sql(db, """
                INSERT INTO plan_move_answers (tenant_id, plan_id, employee_id, answer, reason, answered_by, decision, decision_note,
                                               decided_by, decided_at)
                SELECT tenant_id, id, '\(f.silentID)', 'object', 'Saya merawat orang tua.', created_by, 'rejected', 'Dibutuhkan.',
                       created_by, now()
                FROM plans WHERE id = '\(f.plan)'
                """)
            #expect(try await f.plan(http)["answers"] as? [String: Int]
                    == ["accepted": 0, "objected": 1, "pending": 1, "upheld": 0, "rejected": 1])
            // Only an approver, only with a reason, only while submitted.
            #expect(try await d.step(http, drop, token: f.admin, json: ["reason": "Dibutuhkan di unit asal."]).status == .forbidden)
            let short = try await d.step(http, drop, token: d.ppk, json: ["reason": "Tidak."])
            #expect(try short.status == .badRequest && (try short.json()["field"] as? String) == "reason", "\(short.text)")
            let unknown = try await d.step(http, "moves/\(UUID().uuidString.lowercased())/drop", token: d.ppk,
                                           json: ["reason": "Dibutuhkan di unit asal."])
            #expect(try unknown.status == .notFound && (try unknown.json()["code"] as? String) == "move.not_found")

            let etag = try await d.etag(http)
            let headers: HTTPFields = [.ifMatch: etag, DecisionFixture.key: "batal-1"]
            let dropped = try await http.call(.post, "\(f.planPath)/\(drop)", token: d.ppk,
                                              json: ["reason": "Dibutuhkan di unit asal."], headers: headers)
            #expect(dropped.status == .ok, "\(dropped.text)")
            let body = try dropped.json()
            let plan = try #require(body["plan"] as? [String: Any])
            let move = try #require(body["move"] as? [String: Any])
            let mark = try #require(move["dropped"] as? [String: Any])
            #expect(mark["reason"] as? String == "Dibutuhkan di unit asal." && mark["at"] is String)
            #expect((mark["by"] as? String)?.lowercased() == (try await DecisionFixture.userID(db, "ppk")))
            // The figures are those of the volunteer's move alone, by the engine's rules.
            let instance = try InstanceDecoder.decode(Data(buffer: try await http.call(.get, "\(f.planPath)/instance", token: f.admin).body))
            let volunteerMove = try #require((try await f.moves(http)).first { $0["nip"] as? String == PlanCampaignTests.volunteer })
            let expected = try Planner.assemble(instance, moves: [(PlanCampaignTests.volunteer, volunteerMove["toSlot"] as! String)])
            #expect(plan["moveCount"] as? Int == 1 && plan["objective"] as? Int == expected.objective)
            #expect(plan["answers"] as? [String: Int] == ["accepted": 0, "objected": 0, "pending": 1, "upheld": 0, "rejected": 0])
            let voice = try #require(plan["voice"] as? [String: Int])
            #expect(voice["compulsoryMoves"] == 0 && voice["volunteersMoved"] == 1 && voice["stayOverridden"] == 0, "\(voice)")
            let after = try #require(plan["after"] as? [String: Any])
            #expect(after["deficit"] as? Int == expected.after.deficit && after["surplus"] as? Int == expected.after.surplus)
            #expect((before["after"] as? [String: Any])?["deficit"] as? Int != after["deficit"] as? Int
                    || (before["after"] as? [String: Any])?["surplus"] as? Int != after["surplus"] as? Int, "\(before) \(plan)")
            #expect(plan["before"] as? [String: AnyHashable] == before["before"] as? [String: AnyHashable])

            // A retry with the same key replays; dropping again is refused.
            let replay = try await http.call(.post, "\(f.planPath)/\(drop)", token: d.ppk,
                                             json: ["reason": "Dibutuhkan di unit asal."], headers: headers)
            #expect(replay.status == .ok && replay.headers[.eTag] == dropped.headers[.eTag])
            let again = try await d.step(http, drop, token: d.ppk, json: ["reason": "Dibutuhkan di unit asal."])
            #expect(try again.status == .conflict && (try again.json()["code"] as? String) == "move.already_dropped", "\(again.text)")
            #expect(try await f.plan(http)["moveCount"] as? Int == 1)

            let droppedList = try await f.moves(http, "?dropped=true")
            #expect(droppedList.map { $0["nip"] as? String } == [PlanCampaignTests.silent])
            let kept = try await f.moves(http, "?dropped=false")
            #expect(kept.map { $0["nip"] as? String } == [PlanCampaignTests.volunteer] && kept.first?["dropped"] is NSNull)
            #expect(try await http.call(.get, "\(f.planPath)/moves?dropped=maybe", token: f.admin).status == .badRequest)
            let history = try await d.history(http)
            #expect(history.map { $0["step"] as? String } == ["review_opened", "submitted", "move_dropped"])
            #expect((history.last?["note"] as? String)?.contains("Dibutuhkan di unit asal.") == true)
            #expect(try await ReviewFixture.audit(db, entity: "plan_move").filter { $0 == "plan.move_dropped" }.count == 1)
        }
    }

    @Test("approval re-checks kept moves against live records: moved, locked, retiring block it until dropped")
    func staleMoves() async throws {
        try await TestApp.run { http, services, db, _ in
            let d = try await DecisionFixture.submitted(http, services, db)
            let f = d.f
            // The volunteer is locked; the silent teacher sits in another slot now.
            try await DecisionFixture.sql(db, """
                UPDATE employees SET locked = true, lock_reason = 'Sedang diperiksa' WHERE nip = '\(PlanCampaignTests.volunteer)'
                """)
            try await DecisionFixture.sql(db, """
                UPDATE employees SET slot_id = (SELECT s.id FROM slots s WHERE s.tenant_id = employees.tenant_id
                                                AND s.id <> employees.slot_id ORDER BY s.code LIMIT 1)
                WHERE nip = '\(PlanCampaignTests.silent)'
                """)
            let stale = try await d.step(http, "approve", token: d.ppk)
            #expect(try stale.status == .conflict && (try stale.json()["code"] as? String) == "plan.stale_moves", "\(stale.text)")
            var items = Dictionary(uniqueKeysWithValues: (try stale.json()["items"] as? [[String: String]] ?? []).map { ($0["id"]!, $0["reason"]!) })
            #expect(items == [f.volunteerID: "locked", f.silentID: "moved"], "\(stale.text)")
            // Unlocked but retiring within the plan's horizon (12 months).
            try await DecisionFixture.sql(db, """
                UPDATE employees SET locked = false, lock_reason = NULL, birth_date = current_date - interval '60 years' + interval '3 months'
                WHERE nip = '\(PlanCampaignTests.volunteer)'
                """)
            let retiring = try await d.step(http, "approve", token: d.ppk)
            items = Dictionary(uniqueKeysWithValues: (try retiring.json()["items"] as? [[String: String]] ?? []).map { ($0["id"]!, $0["reason"]!) })
            #expect(items == [f.volunteerID: "retiring", f.silentID: "moved"], "\(retiring.text)")
            #expect(try await f.plan(http)["status"] as? String == "submitted")
            for id in [f.silentID, f.volunteerID] {
                let dropped = try await d.step(http, "moves/\(id)/drop", token: d.ppk, json: ["reason": "Data pegawai sudah berubah."])
                #expect(dropped.status == .ok, "\(dropped.text)")
            }
            #expect(try await f.plan(http)["moveCount"] as? Int == 0)
            let approved = try await d.step(http, "approve", token: d.ppk)
            #expect(approved.status == .ok, "\(approved.text)")
            // The volunteer's request is decided, not granted: the approver dropped the move.
            let form = try await http.call(.get, "\(f.t)/campaigns/\(f.campaign)/forms/me", token: f.relawan).json()
            #expect(form["requestStatus"] as? String == "decided" && form["granted"] as? Bool == false, "\(form)")
            #expect((form["decisionReason"] as? String)?.contains("Data pegawai sudah berubah.") == true, "\(form)")
        }
    }

    @Test("cancel: tenant admin with a reason from any state before executed")
    func cancel() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let d = DecisionFixture(f: f, ppk: try await http.login("kota-uji", "ppk"))
            #expect(try await d.step(http, "cancel", token: d.ppk, json: ["reason": "Anggaran dialihkan ke prioritas lain."]).status == .forbidden)
            let short = try await d.step(http, "cancel", token: f.admin, json: ["reason": "Batal."])
            #expect(try short.status == .badRequest && (try short.json()["field"] as? String) == "reason")
            #expect(try await http.call(.post, "\(f.planPath)/cancel", token: f.admin, json: ["reason": "Anggaran dialihkan."]).status.code == 428)
            #expect(try await d.step(http, "cancel", token: f.admin, json: ["reason": "Anggaran dialihkan.", "extra": 1]).status == .badRequest)
            // An executed plan can no longer be cancelled.
            try await DecisionFixture.sql(db, "UPDATE plans SET status = 'executed' WHERE id = '\(f.plan)'")
            let executed = try await d.step(http, "cancel", token: f.admin, json: ["reason": "Anggaran dialihkan."])
            #expect(try executed.status == .conflict && (try executed.json()["code"] as? String) == "plan.invalid_state")
            try await DecisionFixture.sql(db, "UPDATE plans SET status = 'approved' WHERE id = '\(f.plan)'")
            let cancelled = try await d.step(http, "cancel", token: f.admin, json: ["reason": "Anggaran dialihkan ke prioritas lain."])
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            let plan = try #require(try cancelled.json()["plan"] as? [String: Any])
            #expect(plan["status"] as? String == "cancelled" && plan["cancelReason"] as? String == "Anggaran dialihkan ke prioritas lain.")
            #expect(plan["cancelledAt"] is String)
            let twice = try await d.step(http, "cancel", token: f.admin, json: ["reason": "Anggaran dialihkan lagi."])
            #expect(try twice.status == .conflict && (try twice.json()["code"] as? String) == "plan.invalid_state")
            let history = try await d.history(http)
            #expect(history.map { $0["step"] as? String } == ["cancelled"])
            #expect(history.first?["fromStatus"] as? String == "approved" && history.first?["note"] as? String == "Anggaran dialihkan ke prioritas lain.")
            #expect(try await ReviewFixture.audit(db, entity: "plan").contains("plan.cancelled"))
        }
    }

    @Test("the command line submits, drops a move, approves, rejects, cancels and shows the history")
    func cli() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            try await f.openReview(http)
            try await DecisionFixture.sql(db, "UPDATE plans SET answer_deadline = now() - interval '1 day' WHERE id = '\(f.plan)'")
            let admin = ["MUTASI_OPERATOR": "kota-uji/admin"], ppk = ["MUTASI_OPERATOR": "kota-uji/ppk"]
            let range = try CLITests.run(["plan", "submit", "--tenant", "kota-uji", f.plan, "--expected-version", "0"], db: db, env: admin)
            #expect(range.status == 2 && range.stderr.contains("--expected-version"), "\(range.stderr)")
            let stale = try CLITests.run(["plan", "submit", "--tenant", "kota-uji", f.plan, "--expected-version", "1"], db: db, env: admin)
            #expect(stale.status != 0 && stale.stderr.contains("plan.version_mismatch"), "\(stale.stderr)")
            let submitted = try CLITests.run(["plan", "submit", "--tenant", "kota-uji", f.plan, "--idempotency-key", "cli-1"],
                                             db: db, env: admin)
            #expect(submitted.status == 0 && submitted.stdout.contains("diajukan"), "\(submitted.stdout) \(submitted.stderr)")
            let noReason = try CLITests.run(["plan", "drop-move", "--tenant", "kota-uji", f.plan, f.silentID], db: db, env: ppk)
            #expect(noReason.status != 0)
            let dropped = try CLITests.run(["plan", "drop-move", "--tenant", "kota-uji", f.plan, f.silentID,
                                            "--reason", "Dibutuhkan di unit asal."], db: db, env: ppk)
            #expect(dropped.status == 0 && dropped.stdout.contains("diajukan"), "\(dropped.stdout) \(dropped.stderr)")
            let own = try CLITests.run(["plan", "approve", "--tenant", "kota-uji", f.plan], db: db, env: admin)
            #expect(own.status != 0 && own.stderr.contains("auth.forbidden"), "\(own.stderr)")
            // A stale move is listed, one per line.
            let lock = "UPDATE employees SET locked = %@ WHERE nip = '\(PlanCampaignTests.volunteer)'"
            try await DecisionFixture.sql(db, lock.replacingOccurrences(of: "%@", with: "true, lock_reason = 'Diperiksa'"))
            let blocked = try CLITests.run(["plan", "approve", "--tenant", "kota-uji", f.plan], db: db, env: ppk)
            #expect(blocked.status != 0 && blocked.stderr.contains("[plan.stale_moves]") && blocked.stderr.contains("\(f.volunteerID): locked"),
                    "\(blocked.stderr)")
            try await DecisionFixture.sql(db, lock.replacingOccurrences(of: "%@", with: "false, lock_reason = NULL"))
            let approved = try CLITests.run(["plan", "approve", "--tenant", "kota-uji", f.plan, "--note", "Sesuai."], db: db, env: ppk)
            #expect(approved.status == 0 && approved.stdout.contains("disetujui"), "\(approved.stdout) \(approved.stderr)")
            let reject = try CLITests.run(["plan", "reject", "--tenant", "kota-uji", f.plan, "--reason", "Terlambat ditolak."], db: db, env: ppk)
            #expect(reject.status != 0 && reject.stderr.contains("plan.invalid_state"), "\(reject.stderr)")
            let shown = try CLITests.run(["plan", "show", "--tenant", "kota-uji", f.plan], db: db, env: admin)
            #expect(shown.status == 0, "\(shown.stderr)")
            for text in ["status: disetujui", "Riwayat:", "1. ", "dibuka untuk ditinjau", "usulan dibatalkan", "Dibutuhkan di unit asal.",
                         "(diajukan -> disetujui): Sesuai.", "[dibatalkan: Dibutuhkan di unit asal.]"] {
                #expect(shown.stdout.contains(text), "\(text) in \(shown.stdout)")
            }
            let cancelled = try CLITests.run(["plan", "cancel", "--tenant", "kota-uji", f.plan, "--reason", "Anggaran dialihkan."],
                                             db: db, env: admin)
            #expect(cancelled.status == 0 && cancelled.stdout.contains("dibatalkan"), "\(cancelled.stdout) \(cancelled.stderr)")
            #expect(try await f.plan(http)["status"] as? String == "cancelled")
        }
    }
}
