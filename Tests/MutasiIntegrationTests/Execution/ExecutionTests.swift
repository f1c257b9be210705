import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiPlanning
import MutasiServices
import PostgresNIO
import Testing

/// Carrying out a decreed plan on its TMT through `POST .../execute` and the job path.
@Suite("Plan execution")
struct ExecutionTests {
    @Test("each kept move is applied whole: slot, slot_since = TMT, history closed the day before; a moved employee is skipped; a re-run changes nothing")
    func executes() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ExecutionFixture.make(http, services, db)
            // The silent teacher was moved to the office meanwhile: their move no longer applies.
            try await ExecutionFixture.sql(db, """
                UPDATE employees e SET slot_id = s.id
                FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                WHERE s.tenant_id = e.tenant_id AND u.code = 'kantor' AND e.id = \(UUID(uuidString: f.silentID)!)
                """)
            let versionBefore = try await f.review.plan(http)["version"] as! Int
            let response = try await f.execute(http)
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.json()
            #expect((body["plan"] as? [String: Any])?["status"] as? String == "executed")
            #expect(body["executed"] as? Int == 1 && body["skipped"] as? Int == 1 && body["pending"] as? Int == 0)
            #expect(try ExecutionFixture.outcomes(response) == [f.volunteerID: "executed", f.silentID: "skipped:employee.moved"])

            let post = try await ExecutionFixture.post(db, f.volunteerID)
            #expect(post.slot == "sd-1/guru" && post.since == ExecutionFixture.tmt)
            // No open entry was on record: the post left is recorded from slot_since to the day before the TMT.
            #expect(try await ExecutionFixture.history(db, f.volunteerID) == ["sd-2/guru 2018-01-01 2025-06-30", "sd-1/guru 2025-07-01 -"])
            #expect(try await ExecutionFixture.post(db, f.silentID).slot == "kantor/staf")
            #expect(try await ExecutionFixture.history(db, f.silentID).isEmpty)

            let plan = try await f.review.plan(http)
            #expect(plan["status"] as? String == "executed" && plan["version"] as? Int == versionBefore + 1)
            let steps = try await db.asOwner(tenant: "kota-uji") { c, _ in
                try await c.column("SELECT step || ':' || from_status || '>' || to_status FROM plan_events ORDER BY seq", as: String.self)
            }
            #expect(steps.last == "executed:decreed>executed")
            let audit = try await ReviewFixture.audit(db, entity: "plan") + (try await ReviewFixture.audit(db, entity: "plan_move"))
            #expect(audit.contains("plan.executed") && audit.contains("plan.move_executed") && audit.contains("plan.move_skipped"))

            // Again (a retry): the same answer, nothing changes.
            let again = try await f.execute(http)
            #expect(try again.status == .ok && (try ExecutionFixture.outcomes(again)) == (try ExecutionFixture.outcomes(response)))
            #expect(try await ExecutionFixture.history(db, f.volunteerID).count == 2)
            #expect(try await f.review.plan(http)["version"] as? Int == versionBefore + 1)
        }
    }

    @Test("a locked employee's move and a dropped move: the first is skipped with its reason, the second is not carried out at all")
    func lockedAndDropped() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ExecutionFixture.make(http, services, db)
            let admin = try await db.asOwner(tenant: "kota-uji") { c, _ in try await c.column("SELECT id FROM users WHERE username = 'admin'", as: UUID.self)[0] }
            try await ExecutionFixture.sql(db, "UPDATE employees SET locked = true, lock_reason = 'Cuti besar' WHERE id = \(UUID(uuidString: f.volunteerID)!)")
            try await ExecutionFixture.sql(db, """
                UPDATE plan_moves SET dropped_at = now(), dropped_by = \(admin), dropped_reason = 'Formasi ditunda tahun depan.'
                WHERE employee_id = \(UUID(uuidString: f.silentID)!)
                """)
            let response = try await f.execute(http)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try ExecutionFixture.outcomes(response) == [f.volunteerID: "skipped:employee.locked"])
            #expect(try await ExecutionFixture.post(db, f.volunteerID).slot == "sd-2/guru")
            #expect(try await ExecutionFixture.post(db, f.silentID).slot == "sd-2/guru")
            #expect(try await f.review.plan(http)["status"] as? String == "executed")
        }
    }

    @Test("a move that fails midway leaves no trace of itself; the next run completes the plan")
    func allOrNothingPerMove() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ExecutionFixture.make(http, services, db)
            // Fail the silent teacher's move after their record and history were written.
            try await ExecutionFixture.sql(db, """
                CREATE FUNCTION fail_move() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'disk full'; END $$
                """)
            try await Self.withTriggers(db, """
                CREATE TRIGGER fail_move BEFORE INSERT ON plan_move_executions FOR EACH ROW
                WHEN (NEW.employee_id = '\(unescaped: f.silentID)') EXECUTE FUNCTION fail_move()
                """)
            let failed = try await f.execute(http)
            #expect(failed.status == .internalServerError && !failed.text.contains("disk full"), "\(failed.text)")
            #expect(try await ExecutionFixture.post(db, f.silentID) == ("sd-2/guru", "2018-01-01"))
            #expect(try await ExecutionFixture.history(db, f.silentID).isEmpty)
            #expect(try await f.review.plan(http)["status"] as? String == "decreed")

            try await Self.withTriggers(db, "DROP TRIGGER fail_move ON plan_move_executions")
            let done = try await f.execute(http)
            #expect(try done.status == .ok && (try ExecutionFixture.outcomes(done)) == [f.volunteerID: "executed", f.silentID: "executed"],
                    "\(done.text)")
            #expect(try await ExecutionFixture.history(db, f.volunteerID).count == 2)
            let silent = try await ExecutionFixture.post(db, f.silentID)
            #expect(silent.slot != "sd-2/guru" && silent.since == ExecutionFixture.tmt, "\(silent)")
        }
    }

    /// Runs a trigger's DDL: Citus takes a trigger on a distributed table only when allowed; one
    /// server ignores the setting.
    static func withTriggers(_ db: TestDatabase, _ ddl: PostgresQuery) async throws {
        try await db.asOwner(tenant: "kota-uji") { connection, _ in
            try await connection.query("SET LOCAL citus.enable_unsafe_triggers = on", logger: TestDatabase.logger)
            try await connection.query(ddl, logger: TestDatabase.logger)
        }
    }

    @Test("before the TMT: 409 plan.not_due; a plan not decreed: 409 plan.invalid_state; nothing changes")
    func notDue() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ExecutionFixture.make(http, services, db, tmt: "2099-01-01")
            let early = try await f.execute(http)
            #expect(try early.status == .conflict && (try early.json()["code"] as? String) == "plan.not_due", "\(early.text)")
            #expect(try await ExecutionFixture.post(db, f.volunteerID).slot == "sd-2/guru")
            try await ExecutionFixture.sql(db, "UPDATE plans SET status = 'approved', effective_date = NULL")
            let approved = try await f.execute(http)
            #expect(try approved.status == .conflict && (try approved.json()["code"] as? String) == "plan.invalid_state")
            let stale = try await http.call(.post, "\(f.planPath)/execute", token: f.admin, headers: [.ifMatch: "\"v999\""])
            #expect(stale.status == .preconditionFailed)
            let unversioned = try await http.call(.post, "\(f.planPath)/execute", token: f.admin)
            #expect(unversioned.status == .preconditionRequired)
            #expect(try await ExecutionFixture.history(db, f.volunteerID).isEmpty)
        }
    }

    @Test("the job path: due plans are queued once, the worker executes them; plans not yet due are not queued")
    func jobPath() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ExecutionFixture.make(http, services, db)
            #expect(try await services.execution.enqueueDue() == 1)
            #expect(try await services.execution.enqueueDue() == 0)
            #expect(try await PlanBuildWorker(services.env).runOnce())
            #expect(try await f.review.plan(http)["status"] as? String == "executed")
            #expect(try await ExecutionFixture.post(db, f.silentID).since == ExecutionFixture.tmt)
            let jobs = try await db.asOwner(tenant: "kota-uji") { c, _ in
                try await c.column("SELECT state FROM jobs WHERE kind = 'plan.execute'", as: String.self)
            }
            #expect(jobs == ["succeeded"])
            #expect(try await services.execution.enqueueDue() == 0)
            let audit = try await ReviewFixture.audit(db, entity: "plan")
            #expect(audit.contains("plan.executed") && !audit.contains("plan.build_failed"))

            try await ExecutionFixture.sql(db, "UPDATE plans SET status = 'decreed', effective_date = DATE '2099-01-01'")
            #expect(try await services.execution.enqueueDue() == 0)
        }
    }

    @Test("a moved employee is new in post: not proposed for a compulsory move before minMonthsInPosition")
    func notMovedAgain() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ExecutionFixture.make(http, services, db)
            #expect(try await f.execute(http).status == .ok)
            // SD 1 now has a surplus of two and SD 2 a deficit of two: only someone in post long
            // enough may be compelled back.
            try await ExecutionFixture.sql(db, "UPDATE slots SET need = 1 WHERE unit_id = (SELECT id FROM units WHERE code = 'sd-1')")
            try await ExecutionFixture.sql(db, "UPDATE slots SET need = 3 WHERE unit_id = (SELECT id FROM units WHERE code = 'sd-2')")
            let created = try await http.call(.post, "/v1/tenants/\(f.review.tenantID)/plans", token: f.admin,
                                              json: ["name": "Rotasi 2028", "policy": ["scope": "regency", "minMonthsInPosition": 24]])
            let location = try #require(created.headers[.location])
            let (plan, moves, instance) = try await PlanCampaignTests.build(http, services, token: f.admin, location)
            #expect(plan["buildState"] as? String == "built")
            let byNIP = Dictionary(uniqueKeysWithValues: instance.employees.map { ($0.id, $0) })
            for nip in [PlanCampaignTests.volunteer, PlanCampaignTests.silent] {
                #expect((byNIP[nip]?.monthsInPosition ?? 99) < 24, "\(nip): \(byNIP[nip]?.monthsInPosition ?? -1)")
            }
            let moved = Set(moves.map { $0["nip"] as! String })
            #expect(!moved.contains(PlanCampaignTests.volunteer) && !moved.contains(PlanCampaignTests.silent), "\(moved)")
            // The one long in SD 1 is the one sent back.
            #expect(moved == [PlanCampaignTests.requester], "\(moved)")
        }
    }
}
