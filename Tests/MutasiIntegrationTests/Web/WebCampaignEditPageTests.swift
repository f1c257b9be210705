import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

/// The edit form of a draft campaign on `/kampanye/{id}`: point rules and agencies covered,
/// with the version; read-only once opened; refusals change nothing.
@Suite("Web campaign edit form")
struct WebCampaignEditPageTests {
    static let tenant = "provinsi-sabangau"

    @Test("A tenant admin changes a draft's point rules and agencies; CSRF 403, stale 412, out of range 400, others 403, foreign 404")
    func editDraft() async throws {
        try await TestApp.run { http, services, _, _ in
            let admin = try await services.operators.principal(login: "\(Self.tenant)/admin")
            let tenantID = admin.scope.uuid
            let draft = try await services.campaigns.create(actor: admin, tenantID: tenantID, .init(
                name: "Kampanye uji poin", opensAt: Date().addingTimeInterval(86_400), closesAt: Date().addingTimeInterval(30 * 86_400)))
            let path = "/kampanye/\(draft.id.uuidString.lowercased())"
            let agency = try #require(try await services.agencies.list(actor: admin, tenantID: tenantID,
                                                                       page: try PageRequest(limit: 1)).items.first)
            func stored() async throws -> Campaign { try await services.campaigns.get(actor: admin, tenantID: tenantID, id: draft.id) }

            let session = try await http.webSignIn(Self.tenant, "admin")
            let page = try await http.webGet(path, session: session)
            #expect(page.status == .ok && page.text.contains("Ubah kampanye (draf)"))
            var fields = try #require(page.formFields("\(path)/ubah"))
            // Unticked boxes are not sent by a browser.
            for key in fields.keys where key.hasPrefix("instansi-") { fields[key] = nil }
            fields["pointRules.health"] = "40"
            fields["pointRules.perYearInPost"] = "5"
            fields["instansi-\(agency.id.uuidString.lowercased())"] = "ya"

            var noToken = fields
            noToken["csrf"] = nil
            #expect(try await http.webPost("\(path)/ubah", fields: noToken, cookies: [WebPage.session: session]).status == .forbidden)
            #expect(try await http.webPost("\(path)/ubah", fields: fields.merging(["csrf": "salah"]) { $1 },
                                           cookies: [WebPage.session: session]).status == .forbidden)
            let stale = try await http.webPost("\(path)/ubah", fields: fields.merging(["versi": "9"]) { $1 },
                                               cookies: [WebPage.session: session])
            #expect(stale.status == .preconditionFailed && stale.text.contains("Data sudah diubah orang lain"))
            let range = try await http.webPost("\(path)/ubah", fields: fields.merging(["pointRules.health": "900"]) { $1 },
                                               cookies: [WebPage.session: session])
            #expect(range.status == .badRequest && range.text.contains("Poin alasan kesehatan: isi angka 0 sampai 500"))
            #expect(range.text.contains("value=\"900\""))
            let word = try await http.webPost("\(path)/ubah", fields: fields.merging(["pointRules.familyReunion": "x"]) { $1 },
                                              cookies: [WebPage.session: session])
            #expect(word.status == .badRequest && word.text.contains("Poin alasan berkumpul dengan keluarga: isi bilangan bulat"))
            let ppk = try await http.webSignIn(Self.tenant, "ppk")
            #expect(try await http.webGet(path, session: ppk).formFields("\(path)/ubah") == nil)
            #expect(try await http.webPost("\(path)/ubah", fields: fields.merging(["csrf": try await http.csrf(ppk)]) { $1 },
                                           cookies: [WebPage.session: ppk]).status == .forbidden)
            #expect(try await stored() == draft)

            let saved = try await http.webPost("\(path)/ubah", fields: fields, cookies: [WebPage.session: session])
            #expect(saved.status == .seeOther && saved.location == "\(path)?pesan=diubah")
            let after = try await stored()
            #expect(after.pointRules == PointRules(perYearInPost: 5, health: 40) && after.agencyIDs == [agency.id])
            #expect(after.name == draft.name && after.version == draft.version + 1)
            let shown = try await http.webGet(saved.location ?? path, session: session)
            #expect(shown.text.contains("Perubahan kampanye disimpan.") && shown.text.contains("kesehatan 40"))
            #expect(shown.text.contains("checked"))

            // Another tenant's campaign: 404, untouched.
            let kupang = try await services.operators.principal(login: "kota-kupang/admin")
            let foreign = try await services.campaigns.create(actor: kupang, tenantID: kupang.scope.uuid, .init(
                name: "Kampanye Kupang", opensAt: Date(), closesAt: Date().addingTimeInterval(86_400)))
            let foreignPath = "/kampanye/\(foreign.id.uuidString.lowercased())/ubah"
            #expect(try await http.webPost(foreignPath, fields: fields.merging(["versi": "\(foreign.version)"]) { $1 },
                                           cookies: [WebPage.session: session]).status == .notFound)
            #expect(try await services.campaigns.get(actor: kupang, tenantID: kupang.scope.uuid, id: foreign.id) == foreign)

            // Opened: the rules are shown read-only and an edit is refused with 409.
            let opened = try await services.campaigns.open(actor: admin, tenantID: tenantID, id: draft.id, expectedVersion: after.version)
            let openPage = try await http.webGet(path, session: session)
            #expect(openPage.formFields("\(path)/ubah") == nil && openPage.text.contains("kesehatan 40"))
            let late = try await http.webPost("\(path)/ubah", fields: fields.merging(["versi": "\(opened.version)"]) { $1 },
                                              cookies: [WebPage.session: session])
            #expect(late.status == .conflict && late.text.contains("status data saat ini"))
            #expect(try await stored() == opened)
            _ = try await services.campaigns.close(actor: admin, tenantID: tenantID, id: draft.id, expectedVersion: opened.version)
        }
    }
}
