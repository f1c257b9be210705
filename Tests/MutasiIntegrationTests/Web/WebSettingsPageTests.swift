import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

/// `/pengaturan` through the router: who reads and who changes the tenant's settings, the CSRF
/// token, the version, refusals worded for people that change nothing, and saved values that
/// the services (and the next decree) use.
@Suite("Web settings page")
struct WebSettingsPageTests {
    static let tenant = "provinsi-sabangau"

    /// The needs form as the page renders it, with the choices a browser would send.
    static func needsFields(_ page: TestResponse, _ extra: [String: String] = [:]) throws -> [String: String] {
        var fields = try #require(page.formFields("/pengaturan/abk"))
        fields["rounding"] = "up"
        for (k, v) in extra { fields[k] = v }
        return fields
    }

    static func needs(_ services: Services, _ login: String = "provinsi-sabangau/admin") async throws -> NeedsSettings {
        let admin = try await services.operators.principal(login: login)
        return try await services.needsSettings.get(actor: admin, tenantID: admin.scope.uuid)
    }

    @Test("Role x page: tenant admin edits, approver and auditor read, others 403; an approver's post changes nothing")
    func roles() async throws {
        try await TestApp.run { http, services, _, _ in
            let expected = ["platform": 403, "bkn": 403, "admin": 200, "operator": 403, "ppk": 200, "auditor": 200, "pegawai": 403]
            for (who, login) in WebCampaignPagesTests.logins {
                let session = try await http.webSignIn(login.0, login.1)
                let page = try await http.webGet("/pengaturan", session: session)
                #expect(page.status.code == expected[who], "\(who): \(page.status)")
                let forms = page.formFields("/pengaturan/abk") != nil
                #expect(forms == (who == "admin"), "\(who) sees the forms: \(forms)")
                if page.status == .ok {
                    #expect(page.text.contains("75.000") || page.text.contains("75000"), "\(who)")
                    #expect(page.text.contains("800.1.3.3/{seq}/BKPSDM/{year}") && page.text.contains("Nilai bawaan"), "\(who)")
                }
                let navigation = try await http.webGet("/", session: session)
                #expect(navigation.text.contains("href=\"/pengaturan\"") == (who == "admin"), "\(who) navigation")
            }
            let admin = try await http.webSignIn(Self.tenant, "admin")
            let form = try await http.webGet("/pengaturan", session: admin)
            let ppk = try await http.webSignIn(Self.tenant, "ppk")
            var fields = try Self.needsFields(form, ["effectiveWorkingMinutes": "60000"])
            fields["csrf"] = try await http.csrf(ppk)
            #expect(try await http.webPost("/pengaturan/abk", fields: fields, cookies: [WebPage.session: ppk]).status == .forbidden)
            #expect(try await Self.needs(services).version == 0)
        }
    }

    @Test("The settings are the caller's tenant's: another tenant's admin sees and changes only their own")
    func foreignTenant() async throws {
        try await TestApp.run { http, services, _, _ in
            let admin = try await http.webSignIn(Self.tenant, "admin")
            let page = try await http.webGet("/pengaturan", session: admin)
            let saved = try await http.webPost("/pengaturan/abk", fields: try Self.needsFields(page, ["effectiveWorkingMinutes": "61234"]),
                                               cookies: [WebPage.session: admin])
            #expect(saved.status == .seeOther)
            let kupang = try await http.webSignIn("kota-kupang", "admin")
            let theirs = try await http.webGet("/pengaturan", session: kupang)
            #expect(theirs.status == .ok && !theirs.text.contains("61234") && theirs.text.contains("value=\"75000\""))
            #expect(try await Self.needs(services, "kota-kupang/admin").effectiveTime.minutes == 75_000)
            // Kupang's form (its version 0) changes Kupang only.
            let own = try await http.webPost("/pengaturan/abk", fields: try Self.needsFields(theirs, ["effectiveWorkingMinutes": "70000"]),
                                             cookies: [WebPage.session: kupang])
            #expect(own.status == .seeOther)
            #expect(try await Self.needs(services).effectiveTime.minutes == 61_234)
            #expect(try await Self.needs(services, "kota-kupang/admin").effectiveTime.minutes == 70_000)
        }
    }

    @Test("Without or with a wrong CSRF token 403, a stale version 412, bad values 400 with the field named; nothing changes")
    func refusals() async throws {
        try await TestApp.run { http, services, _, _ in
            let session = try await http.webSignIn(Self.tenant, "admin")
            let page = try await http.webGet("/pengaturan", session: session)
            var noToken = try Self.needsFields(page, ["effectiveWorkingMinutes": "60000"])
            noToken["csrf"] = nil
            #expect(try await http.webPost("/pengaturan/abk", fields: noToken, cookies: [WebPage.session: session]).status == .forbidden)
            #expect(try await http.webPost("/pengaturan/abk", fields: try Self.needsFields(page, ["csrf": "salah"]),
                                           cookies: [WebPage.session: session]).status == .forbidden)
            let stale = try await http.webPost("/pengaturan/abk", fields: try Self.needsFields(page, ["versi": "7"]),
                                               cookies: [WebPage.session: session])
            #expect(stale.status == .preconditionFailed && stale.text.contains("Data sudah diubah orang lain"))
            let rounding = try await http.webPost("/pengaturan/abk", fields: try Self.needsFields(page, ["rounding": "x",
                                                  "effectiveWorkingMinutes": "59999"]), cookies: [WebPage.session: session])
            #expect(rounding.status == .badRequest && rounding.text.contains("Pembulatan kebutuhan pegawai: pilih"))
            #expect(rounding.text.contains("value=\"59999\""), "the entered value stays")
            let minutes = try await http.webPost("/pengaturan/abk", fields: try Self.needsFields(page, ["effectiveWorkingMinutes": "x"]),
                                                 cookies: [WebPage.session: session])
            #expect(minutes.status == .badRequest && minutes.text.contains("Waktu kerja efektif (menit per tahun): isi bilangan bulat"))
            let zero = try await http.webPost("/pengaturan/abk", fields: try Self.needsFields(page, ["effectiveWorkingMinutes": "0"]),
                                              cookies: [WebPage.session: session])
            #expect(zero.status == .badRequest && zero.text.contains("lebih dari 0"))
            var plan = try #require(page.formFields("/pengaturan/rencana"))
            plan["scope"] = "province"; plan["mode"] = "balance"; plan["wishBonus"] = "100001"
            let weight = try await http.webPost("/pengaturan/rencana", fields: plan, cookies: [WebPage.session: session])
            #expect(weight.status == .badRequest && weight.text.contains("Bonus keinginan pegawai: isi angka 0 sampai 100.000"))
            let admin = try await services.operators.principal(login: "\(Self.tenant)/admin")
            let decree = try await Self.decreeFields(page, services, admin, ["numberPattern": "800/BKPSDM/{year}"])
            let pattern = try await http.webPost("/pengaturan/sk", fields: decree, cookies: [WebPage.session: session])
            #expect(pattern.status == .badRequest && pattern.text.contains("Pola nomor SK: wajib memuat {seq}"))
            #expect(try await Self.needs(services) == .default)
            #expect(try await services.planSettings.get(actor: admin, tenantID: admin.scope.uuid).version == 0)
            #expect(try await services.decreeSettings.get(actor: admin, tenantID: admin.scope.uuid).version == 0)
        }
    }

    /// The decree form as a browser sends it: the page's fields and the stored lists as text areas.
    static func decreeFields(_ page: TestResponse, _ services: Services, _ admin: Principal,
                             _ extra: [String: String]) async throws -> [String: String] {
        let stored = try await services.decreeSettings.get(actor: admin, tenantID: admin.scope.uuid)
        var fields = try #require(page.formFields("/pengaturan/sk"))
        fields["perAgency"] = stored.perAgency ? "instansi" : "rencana"
        fields["considerations"] = stored.considerations.joined(separator: "\r\n")
        fields["legalBases"] = stored.legalBases.joined(separator: "\r\n")
        fields["copies"] = stored.copies.joined(separator: "\r\n")
        for (k, v) in extra { fields[k] = v }
        return fields
    }

    @Test("Saved values are read back through the services, shown with a flash, and the next decree takes the number pattern")
    func saves() async throws {
        try await TestApp.run { http, services, db, _ in
            let session = try await http.webSignIn(Self.tenant, "admin")
            let page = try await http.webGet("/pengaturan", session: session)
            let needs = try await http.webPost("/pengaturan/abk", fields: try Self.needsFields(page, [
                "effectiveWorkingMinutes": "72.000", "rounding": "nearest", "efficiencyThresholds.a": "1,05"]),
                cookies: [WebPage.session: session])
            #expect(needs.status == .seeOther && needs.location == "/pengaturan?pesan=abk")
            let stored = try await Self.needs(services)
            #expect(stored.effectiveTime.minutes == 72_000 && stored.rounding == .nearest && stored.version == 1)
            #expect(ThresholdsForm(stored.thresholds).a.min.text == "1.05")
            let after = try await http.webGet("/pengaturan?pesan=abk", session: session)
            #expect(after.text.contains("Pengaturan ABK disimpan.") && after.text.contains("value=\"72000\""))
            #expect(after.text.contains("<option value=\"nearest\" selected>"))

            var plan = try #require(after.formFields("/pengaturan/rencana"))
            plan["scope"] = "regency"; plan["mode"] = "voluntary"; plan["wishBonus"] = "250"
            #expect(try await http.webPost("/pengaturan/rencana", fields: plan, cookies: [WebPage.session: session]).location
                    == "/pengaturan?pesan=rencana")
            let admin = try await services.operators.principal(login: "\(Self.tenant)/admin")
            let policy = try await services.planSettings.get(actor: admin, tenantID: admin.scope.uuid)
            #expect(policy.policy.wishBonus == 250 && policy.policy.scope == .regency && policy.policy.mode == .voluntary)
            #expect(policy.policy.fitWeight == PlanPolicy().fitWeight && policy.version == 1)

            // The decree settings of the fixture's tenant; its next decree is numbered by the new pattern.
            let f = try await DecreeFixture.make(http, services, db)
            _ = f
            let uji = try await http.webSignIn("kota-uji", "admin")
            let ujiPage = try await http.webGet("/pengaturan", session: uji)
            let ujiAdmin = try await services.operators.principal(login: "kota-uji/admin")
            let decree = try await http.webPost("/pengaturan/sk", fields: try await Self.decreeFields(ujiPage, services, ujiAdmin, [
                "numberPattern": "821.2/{seq}/WEB/{year}", "signatoryName": "Drs. Budi <Santoso>", "copies": "Arsip\r\n\r\nInspektur"]),
                cookies: [WebPage.session: uji])
            #expect(decree.status == .seeOther && decree.location == "/pengaturan?pesan=sk")
            let settings = try await services.decreeSettings.get(actor: ujiAdmin, tenantID: ujiAdmin.scope.uuid)
            #expect(settings.numberPattern == "821.2/{seq}/WEB/{year}" && settings.copies == ["Arsip", "Inspektur"])
            #expect(settings.signatoryName == "Drs. Budi <Santoso>" && settings.considerations.count == 3)
            #expect(try await http.webGet("/pengaturan", session: uji).text.contains("value=\"Drs. Budi &lt;Santoso&gt;\""))
            let planID = try #require(UUID(uuidString: f.review.plan))
            let version = try await services.plans.get(actor: ujiAdmin, tenantID: ujiAdmin.scope.uuid, id: planID).plan.version
            let issued = try await services.decrees.issue(actor: ujiAdmin, tenantID: ujiAdmin.scope.uuid, planID: planID,
                                                          effectiveDate: try CalendarDate(iso: DecreeFixture.tmt), expectedVersion: version)
            #expect(issued.decrees.first?.number.hasPrefix("821.2/1/WEB/") == true)
        }
    }
}
