import Foundation
import MutasiDomain
import MutasiRepositories

/// The needs analyses (ANJAB-ABK) of the demo province: the teacher slots of one school
/// approved on a ratio (teaching hours a week), the health slots of one puskesmas approved on
/// their workload, and one office analysis waiting for the tenant admin's verification. Each
/// approved analysis yields exactly the need the demo gave the slot, so the figures stay as the
/// rest of the demo tells them; it shows the workflow through the same service the API uses.
extension DemoSeedService {
    /// Teaching hours a week one teacher gives (24 jam tatap muka).
    static let teachingHoursPerTeacher = 24
    /// Minutes of one patient visit in the demo's health workload.
    static let minutesPerVisit = 15

    func seedNeedsAnalyses(tenantCode: String) async throws {
        let (tenant, admin) = try await env.store.transaction(in: .platform) { tx -> (Tenant?, User?) in
            guard let tenant = try await tx.tenants.find(code: tenantCode) else { return (nil, nil) }
            try await tx.enter(tenant.scope)
            return (tenant, try await tx.users.findCredentials(scope: tenant.scope, username: "admin")?.user)
        }
        guard let tenant, let admin else { return }
        let actor = Principal(user: admin, channel: .system)
        let needs = NeedsAnalysisService(env)
        let year = CalendarDate.utc(env.now()).year
        let existing = try await needs.list(actor: actor, tenantID: tenant.id, filter: NeedsAnalysisFilter(), page: try PageRequest(limit: 1))
        guard existing.total == 0 else { return }
        let slots = try await env.store.transaction(in: tenant.scope) { tx in try await tx.planningData.slots(tenantID: tenant.id) }

        let school = slots.filter { $0.key.hasPrefix("SBG-SMAN1/GURU-") && $0.need > 0 }
        let puskesmas = slots.filter { $0.key.hasPrefix("SBG-PKM1/") && $0.need > 0 }
        let office = slots.first { $0.key.hasSuffix("/ANALIS-SDM") && $0.need > 0 }
        for slot in school {
            let ratio = NeedsAnalysisService.RatioInput(
                driver: "jam tatap muka per minggu", population: slot.need * Self.teachingHoursPerTeacher,
                perPerson: DecimalInput(integerLiteral: Self.teachingHoursPerTeacher))
            try await approve(needs, actor, tenant, .init(slotID: slot.id, year: year, ratio: ratio))
        }
        for slot in puskesmas {
            try await approve(needs, actor, tenant, .init(slotID: slot.id, year: year, tasks: visits(for: slot.need)))
        }
        if let office {
            let tasks = [NeedsAnalysisService.TaskInput(name: "Analisis kebutuhan pegawai", volume: DecimalInput("\(office.need * 250)"),
                                                        standardMinutes: 300)]
            let draft = try await needs.create(actor: actor, tenantID: tenant.id, .init(slotID: office.id, year: year, tasks: tasks))
            _ = try await needs.submit(actor: actor, tenantID: tenant.id, id: draft.id, expectedVersion: draft.version)
        }
    }

    /// Patient visits a year that need exactly `need` health workers at the default 75,000
    /// effective minutes a year.
    private func visits(for need: Int) -> [NeedsAnalysisService.TaskInput] {
        let visits = need * EffectiveWorkingTime.default.minutes / Self.minutesPerVisit
        return [NeedsAnalysisService.TaskInput(name: "Pelayanan pasien", volume: DecimalInput("\(visits)"),
                                               standardMinutes: DecimalInput(integerLiteral: Self.minutesPerVisit))]
    }

    private func approve(_ needs: NeedsAnalysisService, _ actor: Principal, _ tenant: Tenant,
                         _ draft: NeedsAnalysisService.Draft) async throws {
        let created = try await needs.create(actor: actor, tenantID: tenant.id, draft)
        let submitted = try await needs.submit(actor: actor, tenantID: tenant.id, id: created.id, expectedVersion: created.version)
        _ = try await needs.approve(actor: actor, tenantID: tenant.id, id: submitted.id, expectedVersion: submitted.version,
                                    notes: "Sesuai standar")
    }
}
