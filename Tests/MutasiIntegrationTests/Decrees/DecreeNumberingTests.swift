import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

/// Decree numbers: the tenant's pattern, one sequence per tenant and year without gaps, also
/// when two plans are decreed at the same moment.
@Suite("Decree numbering")
struct DecreeNumberingTests {
    static func fixedClock(_ iso: String) -> @Sendable () -> Date {
        let date = ISO8601DateFormatter().date(from: iso)!
        return { date }
    }

    @Test("two plans decreed at once get numbers 1 and 2 of the year, neither twice")
    func concurrentIssue() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let second = try await DecreeFixture.copyPlan(db, f.review.plan)
            let actor = try await services.operators.principal(login: "kota-uji/admin")
            let tenantID = actor.scope.uuid
            let tmt = try CalendarDate(iso: DecreeFixture.tmt)
            let seqs = try await withThrowingTaskGroup(of: [Int].self) { group in
                for plan in [f.review.plan, second] {
                    group.addTask {
                        let id = UUID(uuidString: plan)!
                        let version = try await services.plans.get(actor: actor, tenantID: tenantID, id: id).plan.version
                        return try await services.decrees.issue(actor: actor, tenantID: tenantID, planID: id, effectiveDate: tmt,
                                                                expectedVersion: version).decrees.map(\.seq)
                    }
                }
                var all: [Int] = []
                for try await seqs in group { all += seqs }
                return all.sorted()
            }
            #expect(seqs == [1, 2])
        }
    }

    @Test("the sequence starts again at 1 in a new year; {month} is the month of issue in Roman numerals")
    func yearRollover() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let second = try await DecreeFixture.copyPlan(db, f.review.plan)
            let etag = try await http.call(.get, "\(f.t)/decree-settings", token: f.admin).headers[.eTag] ?? ""
            let patched = try await http.call(.patch, "\(f.t)/decree-settings", token: f.admin,
                                              json: ["numberPattern": "821.2/{seq}/BKPSDM/{month}/{year}"], headers: [.ifMatch: etag])
            #expect(patched.status == .ok, "\(patched.text)")
            let actor = try await services.operators.principal(login: "kota-uji/admin")
            let tenantID = actor.scope.uuid
            func issue(_ plan: String, at now: String) async throws -> String {
                let decrees = DecreeService(ServiceEnvironment(store: services.env.store, now: Self.fixedClock(now)))
                let id = UUID(uuidString: plan)!
                let version = try await services.plans.get(actor: actor, tenantID: tenantID, id: id).plan.version
                return try await decrees.issue(actor: actor, tenantID: tenantID, planID: id, effectiveDate: try CalendarDate(iso: "2098-02-01"),
                                               expectedVersion: version).decrees[0].number
            }
            #expect(try await issue(f.review.plan, at: "2097-12-31T10:00:00Z") == "821.2/1/BKPSDM/XII/2097")
            #expect(try await issue(second, at: "2098-01-01T10:00:00Z") == "821.2/1/BKPSDM/I/2098")
        }
    }

    @Test("per agency: one decree per origin agency, numbered with the agency code")
    func perAgency() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let etag = try await http.call(.get, "\(f.t)/decree-settings", token: f.admin).headers[.eTag] ?? ""
            let patched = try await http.call(.patch, "\(f.t)/decree-settings", token: f.admin,
                                              json: ["perAgency": true, "numberPattern": "800/{seq}/{agency}/{year}"], headers: [.ifMatch: etag])
            #expect(patched.status == .ok, "\(patched.text)")
            let decrees = try await f.issue(http)
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            #expect(decrees.map { $0["number"] as? String } == ["800/1/dinas-pendidikan/\(year)"])
            #expect(decrees.first?["agencyID"] as? String != nil)
        }
    }
}
