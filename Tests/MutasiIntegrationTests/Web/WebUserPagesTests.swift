import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

/// `/pengguna` and `/instansi` through the router: who reads and changes users and agencies,
/// CSRF, the version from the form, and refusals naming the field in Bahasa Indonesia.
@Suite("Web user pages")
struct WebUserPagesTests {
    static let logins: [String: (String?, String)] = WebCampaignPagesTests.logins

    static func userID(_ services: Services, _ admin: Principal, _ username: String) async throws -> UUID {
        let page = try await services.users.list(actor: admin, tenantID: admin.scope.uuid, role: nil, page: try PageRequest(limit: 200))
        return try #require(page.items.first { $0.username == username }).id
    }

    /// The user as stored (`UserService.get` answers a user asking for themselves from their session).
    static func stored(_ services: Services, _ actor: Principal, _ id: UUID) async throws -> User {
        let page = try await services.users.list(actor: actor, tenantID: actor.scope.uuid, role: nil, page: try PageRequest(limit: 200))
        return try #require(page.items.first { $0.id == id })
    }

    @Test("Role x page: tenant admins and auditors read users, staff the agencies; another tenant's user answers 404")
    func roleMatrix() async throws {
        try await TestApp.run { http, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let adminID = admin.user.id.uuidString.lowercased()
            let ppkID = try await Self.userID(services, admin, "ppk").uuidString.lowercased()
            let kupang = try await services.operators.principal(login: "kota-kupang/admin")
            let foreign = kupang.user.id.uuidString.lowercased()
            let users = ["platform": 403, "bkn": 403, "admin": 200, "operator": 403, "ppk": 403, "auditor": 200, "pegawai": 403]
            let foreignUser = ["platform": 403, "bkn": 403, "admin": 404, "operator": 403, "ppk": 403, "auditor": 404, "pegawai": 403]
            let agencies = ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]
            let expected: [(String, [String: Int])] = [
                ("/pengguna", users), ("/pengguna?peran=agency_operator", users), ("/pengguna/\(adminID)", users),
                ("/pengguna/\(foreign)", foreignUser), ("/pengguna/\(UUID().uuidString.lowercased())", foreignUser),
                ("/instansi", agencies),
            ]
            for (who, login) in Self.logins {
                let session = try await http.webSignIn(login.0, login.1)
                for (page, statuses) in expected {
                    let response = try await http.webGet(page, session: session)
                    #expect(response.status.code == statuses[who], "\(who) \(page): \(response.status)")
                }
            }
            let session = try await http.webSignIn("provinsi-sabangau", "admin")
            let list = try await http.webGet("/pengguna?peran=agency_operator", session: session)
            #expect(list.text.contains("operator-pendidikan") && list.text.contains("Operator instansi")
                    && list.text.contains("Dinas Pendidikan") && !list.text.contains(">ppk<"))
            #expect(try await http.webGet("/pengguna?peran=raja", session: session).status == .badRequest)
            #expect(try await http.webGet("/pengguna?halaman=0", session: session).status == .badRequest)
            let all = try await http.webGet("/pengguna", session: session)
            #expect(all.text.contains("href=\"/pengguna\"") && all.text.contains(">Pengguna</a>"))
            // The operator's agencies page lists their agency only; no create form for them.
            let operatorSession = try await http.webSignIn("provinsi-sabangau", "operator-pendidikan")
            let own = try await http.webGet("/instansi", session: operatorSession)
            #expect(own.text.contains("Dinas Pendidikan") && !own.text.contains("Dinas Kesehatan") && own.formFields("/instansi") == nil)
            // Anyone reads their own user record (as the API's `get`), without the admin's forms.
            let ppk = try await http.webSignIn("provinsi-sabangau", "ppk")
            let ownRecord = try await http.webGet("/pengguna/\(ppkID)", session: ppk)
            #expect(ownRecord.status == .ok && ownRecord.formFields("/pengguna/\(ppkID)") == nil)
            // An auditor reads a user but gets no forms.
            let auditor = try await http.webSignIn("provinsi-sabangau", "auditor")
            let read = try await http.webGet("/pengguna/\(ppkID)", session: auditor)
            #expect(read.text.contains("Pejabat penyetuju") && read.formFields("/pengguna/\(ppkID)") == nil)
        }
    }

    @Test("A tenant admin creates an operator who then signs in; refusals name the field and create nothing")
    func createUser() async throws {
        try await TestApp.run { http, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let tenantID = admin.scope.uuid
            func count() async throws -> Int {
                try await services.users.list(actor: admin, tenantID: tenantID, role: nil, page: try PageRequest(limit: 1)).total
            }
            let agencies = try await services.agencies.list(actor: admin, tenantID: tenantID, page: try PageRequest(limit: 200)).items
            let health = try #require(agencies.first { $0.name == "Dinas Kesehatan" })
            let before = try await count()
            let session = try await http.webSignIn("provinsi-sabangau", "admin")
            let page = try await http.webGet("/pengguna", session: session)
            #expect(page.status == .ok && page.text.contains("<caption>Pengguna"))
            let fields = ["nama_pengguna": "operator-dinkes", "nama": "Sari <Dinkes>", "peran": "agency_operator",
                          "instansi-\(health.id.uuidString.lowercased())": "ya", "sandi": "rahasia-dinkes-1", "sandi2": "rahasia-dinkes-1"]

            var noToken = try #require(page.formFields("/pengguna"))
            noToken["csrf"] = nil
            #expect(try await http.webPost("/pengguna", fields: noToken.merging(fields) { $1 },
                                           cookies: [WebPage.session: session]).status == .forbidden)
            #expect(try await http.submit(user: page, "/pengguna", session: session, fields.merging(["csrf": "salah"]) { $1 }).status == .forbidden)

            let weak = try await http.submit(user: page, "/pengguna", session: session, fields.merging(["sandi": "pendek", "sandi2": "pendek"]) { $1 })
            #expect(weak.status == .badRequest && weak.text.contains("Kata sandi: paling sedikit 10 karakter"))
            #expect(weak.text.contains("value=\"Sari &lt;Dinkes&gt;\"") && !weak.text.contains("pendek"))
            let mismatch = try await http.submit(user: page, "/pengguna", session: session, fields.merging(["sandi2": "rahasia-lain-22"]) { $1 })
            #expect(mismatch.status == .badRequest && mismatch.text.contains("Ulangi kata sandi"))
            var noAgency = fields
            noAgency["instansi-\(health.id.uuidString.lowercased())"] = nil
            let lonely = try await http.submit(user: page, "/pengguna", session: session, noAgency)
            #expect(lonely.status == .badRequest && lonely.text.contains("Instansi: operator instansi harus ditugaskan"))
            let taken = try await http.submit(user: page, "/pengguna", session: session, fields.merging(["nama_pengguna": "ppk"]) { $1 })
            #expect(taken.status == .conflict && taken.text.contains("Nama pengguna: sudah dipakai"))
            let badName = try await http.submit(user: page, "/pengguna", session: session, fields.merging(["nama_pengguna": "Bukan Nama"]) { $1 })
            #expect(badName.status == .badRequest && badName.text.contains("Nama pengguna: 2 sampai 64"))
            let noRole = try await http.submit(user: page, "/pengguna", session: session, fields.merging(["peran": "platform_admin"]) { $1 })
            #expect(noRole.status == .badRequest && noRole.text.contains("Peran"))
            #expect(try await count() == before)

            // An auditor may not create users.
            let auditor = try await http.webSignIn("provinsi-sabangau", "auditor")
            #expect(try await http.submit(user: page, "/pengguna", session: auditor, fields.merging(["csrf": try await http.csrf(auditor)]) { $1 })
                .status == .forbidden)
            #expect(try await count() == before)

            let created = try await http.submit(user: page, "/pengguna", session: session, fields)
            #expect(created.status == .seeOther && created.location == "/pengguna?pesan=dibuat")
            #expect(try await count() == before + 1)
            let user = try await services.users.get(actor: admin, tenantID: tenantID, id: try await Self.userID(services, admin, "operator-dinkes"))
            #expect(user.role == .agencyOperator && user.agencyIDs == [health.id] && user.fullName == "Sari <Dinkes>" && user.active)
            let shown = try await http.webGet("/pengguna?pesan=dibuat", session: session)
            #expect(shown.text.contains("Pengguna dibuat.") && shown.text.contains("Sari &lt;Dinkes&gt;"))

            // The new operator signs in with the typed password and sees their agency only.
            let fresh = try await http.webPostSignIn("provinsi-sabangau", "operator-dinkes", password: "rahasia-dinkes-1")
            #expect(fresh.status == .seeOther && fresh.location == "/")
            let operatorSession = try #require(fresh.cookie(WebPage.session))
            let home = try await http.webGet("/instansi", session: operatorSession)
            #expect(home.text.contains("Dinas Kesehatan") && !home.text.contains("Dinas Pendidikan"))
            let dashboard = try await http.webGet("/", session: operatorSession)
            #expect(dashboard.status == .ok && dashboard.text.contains("Instansi saya") && dashboard.text.contains("Dinas Kesehatan")
                    && !dashboard.text.contains("Dinas Pendidikan"))
        }
    }

    @Test("Editing a user: version from the form (stale 412), agencies, deactivation ends sign-in, no self-deactivation")
    func editUser() async throws {
        try await TestApp.run { http, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let tenantID = admin.scope.uuid
            let operatorID = try await Self.userID(services, admin, "operator-pendidikan")
            let path = "/pengguna/\(operatorID.uuidString.lowercased())"
            let agencies = try await services.agencies.list(actor: admin, tenantID: tenantID, page: try PageRequest(limit: 200)).items
            let health = try #require(agencies.first { $0.name == "Dinas Kesehatan" })
            let education = try #require(agencies.first { $0.name == "Dinas Pendidikan" })
            let session = try await http.webSignIn("provinsi-sabangau", "admin")
            let page = try await http.webGet(path, session: session)
            #expect(page.status == .ok && page.text.contains("Operator instansi"))
            let original = try await services.users.get(actor: admin, tenantID: tenantID, id: operatorID)

            // Wrong CSRF: 403, nothing changes.
            #expect(try await http.submit(user: page, path, session: session, ["nama": "Diganti", "csrf": "salah"]).status == .forbidden)
            // No agency left for an operator: 400 naming the field.
            let none = try await http.submit(user: page, path, session: session, ["nama": "Diganti"])
            #expect(none.status == .badRequest && none.text.contains("Instansi:"))
            let empty = try await http.submit(user: page, path, session: session, ["nama": " ", "instansi-\(education.id.uuidString.lowercased())": "ya"])
            #expect(empty.status == .badRequest && empty.text.contains("Nama lengkap: wajib diisi"))
            #expect(try await services.users.get(actor: admin, tenantID: tenantID, id: operatorID) == original)

            let saved = try await http.submit(user: page, path, session: session, ["nama": "Budi Operator",
                                                                               "instansi-\(health.id.uuidString.lowercased())": "ya",
                                                                               "instansi-\(education.id.uuidString.lowercased())": "ya"])
            #expect(saved.status == .seeOther && saved.location == "\(path)?pesan=disimpan")
            let after = try await services.users.get(actor: admin, tenantID: tenantID, id: operatorID)
            #expect(after.fullName == "Budi Operator" && Set(after.agencyIDs) == [health.id, education.id])

            // The old form again: its version is stale.
            let stale = try await http.submit(user: page, path, session: session,
                                              ["nama": "Lagi", "instansi-\(education.id.uuidString.lowercased())": "ya"])
            #expect(stale.status == .preconditionFailed && stale.text.contains("Data sudah diubah orang lain"))
            #expect(try await services.users.get(actor: admin, tenantID: tenantID, id: operatorID).fullName == "Budi Operator")

            // Deactivating: the operator can no longer sign in; the old page's version is stale.
            let current = try await http.webGet(path, session: session)
            let off = try await http.submit(current, "\(path)/status", session: session)
            #expect(off.status == .seeOther && off.location == "\(path)?pesan=dinonaktifkan")
            #expect(try await services.users.get(actor: admin, tenantID: tenantID, id: operatorID).active == false)
            #expect(try await http.webPostSignIn("provinsi-sabangau", "operator-pendidikan").status != .seeOther)
            #expect(try await http.submit(current, "\(path)/status", session: session).status == .preconditionFailed)
            let back = try await http.submit(try await http.webGet(path, session: session), "\(path)/status", session: session)
            #expect(back.location == "\(path)?pesan=diaktifkan")
            #expect(try await http.webPostSignIn("provinsi-sabangau", "operator-pendidikan").status == .seeOther)

            // The admin cannot deactivate themselves: the service's refusal, worded.
            let selfPath = "/pengguna/\(admin.user.id.uuidString.lowercased())"
            let own = try await http.webGet(selfPath, session: session)
            let refused = try await http.submit(own, "\(selfPath)/status", session: session)
            #expect(refused.status == .badRequest && refused.text.contains("tidak dapat menonaktifkan akun Anda sendiri"))
            #expect(try await Self.stored(services, admin, admin.user.id).active)

            // An auditor posting the admin's form: 403; another tenant's user: 404.
            let auditor = try await http.webSignIn("provinsi-sabangau", "auditor")
            let fresh = try await http.webGet(path, session: session)
            #expect(try await http.submit(user: fresh, path, session: auditor, ["nama": "Auditor", "csrf": try await http.csrf(auditor)])
                .status == .forbidden)
            let kupang = try await services.operators.principal(login: "kota-kupang/admin")
            let foreign = "/pengguna/\(kupang.user.id.uuidString.lowercased())"
            var fields = try #require(fresh.formFields(path))
            fields["nama"] = "Asing"
            #expect(try await http.webPost(foreign, fields: fields, cookies: [WebPage.session: session]).status == .notFound)
            #expect(try await http.webPost("\(foreign)/status", fields: try #require(fresh.formFields("\(path)/status")),
                                           cookies: [WebPage.session: session]).status == .notFound)
            #expect(try await Self.stored(services, kupang, kupang.user.id).active)
        }
    }

    @Test("A tenant admin creates an agency; a taken or bad code is refused naming the field; others may not")
    func createAgency() async throws {
        try await TestApp.run { http, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            func count() async throws -> Int {
                try await services.agencies.list(actor: admin, tenantID: admin.scope.uuid, page: try PageRequest(limit: 1)).total
            }
            let before = try await count()
            let session = try await http.webSignIn("provinsi-sabangau", "admin")
            let page = try await http.webGet("/instansi", session: session)
            #expect(page.text.contains("Dinas Kesehatan") && page.formFields("/instansi") != nil)
            #expect(try await http.submit(page, "/instansi", session: session, ["kode": "dpupr", "nama": "Dinas PUPR", "csrf": "x"]).status == .forbidden)
            let taken = try await http.submit(page, "/instansi", session: session, ["kode": "dinas-kesehatan", "nama": "Dinas Kesehatan 2"])
            #expect(taken.status == .conflict && taken.text.contains("Kode instansi: sudah dipakai"))
            let bad = try await http.submit(page, "/instansi", session: session, ["kode": "DPUPR!", "nama": "Dinas PUPR"])
            #expect(bad.status == .badRequest && bad.text.contains("Kode instansi: 2 sampai 64") && bad.text.contains("value=\"Dinas PUPR\""))
            let ppk = try await http.webSignIn("provinsi-sabangau", "ppk")
            #expect(try await http.submit(page, "/instansi", session: ppk, ["kode": "dpupr", "nama": "Dinas PUPR",
                                                                             "csrf": try await http.csrf(ppk)]).status == .forbidden)
            #expect(try await count() == before)
            let created = try await http.submit(page, "/instansi", session: session, ["kode": "dpupr", "nama": "Dinas PUPR"])
            #expect(created.status == .seeOther && created.location == "/instansi?pesan=instansi")
            #expect(try await count() == before + 1)
            #expect(try await http.webGet("/instansi", session: session).text.contains("Dinas PUPR"))
        }
    }
}

extension TestClientProtocol {
    /// Posts a user form as a browser would with no agency ticked, then `extra` over it (an
    /// unticked checkbox is not sent, but `formFields` reads every input with a value).
    func submit(user page: TestResponse, _ action: String, session: String, _ extra: [String: String] = [:]) async throws -> TestResponse {
        guard var fields = page.formFields(action) else { throw TestSetupError("no form \(action)") }
        for key in fields.keys where key.hasPrefix("instansi-") { fields[key] = nil }
        for (k, v) in extra { fields[k] = v }
        return try await webPost(action, fields: fields, cookies: [WebPage.session: session])
    }
}
