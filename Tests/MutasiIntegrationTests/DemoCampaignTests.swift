import Foundation
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// The demo province's closed preference campaign: forms from about 15% of its employees, and a
/// plan from it that meets wishes.
@Suite("Demo campaign")
struct DemoCampaignTests {
    @Test("the demo province has a closed campaign with forms from about 15% of its employees; seeding again adds nothing")
    func campaignSeeded() async throws {
        try await TestApp.run { http, services, db, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let tenantID = admin.scope.uuid
            let campaigns = try await services.campaigns.list(actor: admin, tenantID: tenantID, state: nil, page: try PageRequest())
            let campaign = try #require(campaigns.items.first { $0.name == "Kampanye Preferensi Mutasi 2026" })
            #expect(campaign.state == .closed && campaign.coversWholeTenant)
            #expect(campaign.pointRules.familyReunion > 0 && campaign.pointRules.perYearInPost > 0)
            let employees = try await services.employees.list(actor: admin, tenantID: tenantID, filter: .init(), page: try PageRequest(limit: 1)).total
            let forms = try await services.forms.list(actor: admin, tenantID: tenantID, campaignID: campaign.id, page: try PageRequest(limit: 1)).total
            let share = Double(forms) / Double(employees)
            #expect(share > 0.12 && share < 0.18, "\(forms) forms of \(employees) employees")
            let all = try await services.env.store.transaction(in: admin.scope) { tx in
                try await tx.campaigns.allForms(tenantID: tenantID, campaignID: campaign.id)
            }
            let volunteers = all.filter { $0.wish == .move }
            #expect(volunteers.count > all.count / 2)
            #expect(volunteers.allSatisfy { (1...5).contains($0.preferences.count) && $0.requestStatus == .filed })
            #expect(all.contains { $0.wish == .stay } && all.contains { $0.reasons.contains { $0.category == .familyReunion } })
            #expect(all.filter { $0.reasons.contains { $0.category == .familyReunion } }.allSatisfy { $0.spouseWorkplace != nil })
            let versions = try await db.asOwner(tenant: "provinsi-sabangau") { connection, _ in
                try await connection.query("SELECT count(*) FROM preference_form_versions", logger: TestDatabase.logger)
                    .collect().first!.decode(Int64.self)
            }
            #expect(versions == Int64(forms))

            // The demo employee user has a form to read, with its history.
            let pegawai = try await http.login("provinsi-sabangau", "pegawai")
            let own = "/v1/tenants/\(tenantID.uuidString.lowercased())/campaigns/\(campaign.id.uuidString.lowercased())/forms/me"
            let mine = try await http.call(.get, own, token: pegawai)
            #expect(try mine.status == .ok && (mine.json()["wish"] as? String) == "move", "\(mine.text)")
            #expect(try await http.call(.get, own + "/versions", token: pegawai).json()["total"] as? Int == 1)

            try await services.demo.seed()
            let again = try await services.campaigns.list(actor: admin, tenantID: tenantID, state: nil, page: try PageRequest())
            #expect(again.total == campaigns.total)
            #expect(try await services.forms.list(actor: admin, tenantID: tenantID, campaignID: campaign.id,
                                                  page: try PageRequest(limit: 1)).total == forms)
        }
    }

    @Test("a plan from the demo campaign moves volunteers to units they asked for")
    func planFromCampaign() async throws {
        try await TestApp.run { _, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let tenantID = admin.scope.uuid
            let campaigns = try await services.campaigns.list(actor: admin, tenantID: tenantID, state: .closed, page: try PageRequest())
            let campaign = try #require(campaigns.items.first)
            let created = try await services.plans.create(actor: admin, tenantID: tenantID, name: "Demo kampanye",
                                                          policy: PlanPolicy.Overrides(), campaignID: campaign.id)
            #expect(try await PlanBuildWorker(services.env).runOnce())
            let plan = try await services.plans.get(actor: admin, tenantID: tenantID, id: created.plan.id).plan
            #expect(plan.buildState == .built)
            let voice = try #require(plan.voice)
            #expect(voice.volunteersMoved > 0)
            #expect(voice.exchanges > 0 || voice.movesOnWish > 0)
        }
    }
}
