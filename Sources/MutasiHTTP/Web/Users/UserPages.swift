import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// `/pengguna` and `/instansi`: the tenant's users and agencies. Tenant admins create and edit
/// them; auditors read the users, every staff role the agencies (operators their own), as
/// `UserService` and `AgencyService` decide: the pages only put their answers into words.
struct UserPages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/pengguna") { request, context in try await list(request, context) }
        signedIn.post("/pengguna") { request, context in try await create(request, context) }
        signedIn.get("/pengguna/{userID}") { request, context in try await show(request, context) }
        signedIn.post("/pengguna/{userID}") { request, context in try await edit(request, context) }
        signedIn.post("/pengguna/{userID}/status") { request, context in try await toggle(request, context) }
        signedIn.get("/instansi") { request, context in try await agencies(request, context) }
        signedIn.post("/instansi") { request, context in try await createAgency(request, context) }
    }

    static let flashes = ["dibuat": "Pengguna dibuat. Ia dapat masuk dengan kata sandi awal itu.",
                          "disimpan": "Perubahan pengguna tersimpan.",
                          "diaktifkan": "Pengguna diaktifkan kembali.",
                          "dinonaktifkan": "Pengguna dinonaktifkan: sesi masuknya diakhiri dan ia tidak dapat masuk lagi.",
                          "instansi": "Instansi dibuat."]

    /// Roles a tenant admin gives to the tenant's users.
    static let tenantRoles: [Role] = [.tenantAdmin, .agencyOperator, .approver, .auditor, .employee]

    static func tenantUser(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw WebController.roleNotServed }
        return principal
    }

    // MARK: Users

    private func list(_ request: Request, _ context: AppRequestContext, refusal: WebStep.Refusal? = nil,
                      entered: WebForm? = nil) async throws -> Response {
        let principal = try Self.tenantUser(context)
        let started = ContinuousClock.now
        let pager = try Pager(request)
        let roleText = request.uri.queryParameters.get("peran") ?? ""
        let role: Role?
        if roleText.isEmpty { role = nil } else {
            guard let known = Role(rawValue: roleText), Self.tenantRoles.contains(known) else {
                throw DomainError.invalid("web.role_invalid", "Peran pada penyaring tidak dikenal.", field: "peran")
            }
            role = known
        }
        let page = try await services.users.list(actor: principal, tenantID: principal.scope.uuid, role: role, page: try pager.request)
        let agencies = try await services.allAgencies(principal)
        var employees: [UUID: Employee] = [:]
        for user in page.items {
            if let id = user.employeeID {
                employees[id] = try await services.employees.get(actor: principal, tenantID: principal.scope.uuid, id: id)
            }
        }
        let html = UserListPage.render(page: page, pager: pager, role: role, agencies: agencies, employees: employees,
                                       principal: principal, csrf: context.csrfToken,
                                       flash: WebStep.flash(request, Self.flashes), refusal: refusal?.message, entered: entered)
        return Layout.response(html, status: refusal?.status ?? .ok).timed(since: started)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let principal = try Self.tenantUser(context)
        let form = try await WebForm.read(&request)
        do {
            guard let role = Role(rawValue: WebStep.text(form, "peran")), Self.tenantRoles.contains(role) else {
                throw DomainError.invalid("web.role_required", "Peran: pilih salah satu peran.", field: "role")
            }
            let password = form["sandi"] ?? ""
            guard password == (form["sandi2"] ?? "") else {
                throw DomainError.invalid("web.password_mismatch", "Ulangi kata sandi: tidak sama dengan kata sandi awal.",
                                          field: "password")
            }
            let agencies = try await services.allAgencies(principal)
            let chosen = agencies.filter { form["instansi-\($0.id.lowercased)"] != nil }.map(\.id)
            let draft = UserService.Draft(username: WebStep.text(form, "nama_pengguna"), fullName: WebStep.text(form, "nama"),
                                          role: role, password: password, agencyIDs: chosen)
            _ = try await services.users.createTenantUser(actor: principal, tenantID: principal.scope.uuid, draft)
            return WebStep.done("/pengguna", "dibuat")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            return try await list(request, context, refusal: UserWording.refusal(error), entered: form)
        }
    }

    private func show(_ request: Request, _ context: AppRequestContext, refusal: WebStep.Refusal? = nil,
                      entered: WebForm? = nil) async throws -> Response {
        let principal = try Self.tenantUser(context)
        let id = try HTTPInput.id(context, "userID", notFound: UserController.notFoundUser)
        let user = try await services.users.get(actor: principal, tenantID: principal.scope.uuid, id: id)
        let agencies = try await services.allAgencies(principal)
        var employee: Employee?
        if let employeeID = user.employeeID {
            employee = try await services.employees.get(actor: principal, tenantID: principal.scope.uuid, id: employeeID)
        }
        let html = UserPage.render(user, agencies: agencies, employee: employee, principal: principal, csrf: context.csrfToken,
                                   flash: WebStep.flash(request, Self.flashes), refusal: refusal?.message, entered: entered)
        return Layout.response(html, status: refusal?.status ?? .ok)
    }

    private func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let principal = try Self.tenantUser(context)
        let id = try HTTPInput.id(context, "userID", notFound: UserController.notFoundUser)
        let form = try await WebForm.read(&request)
        let version = try WebStep.version(form)
        do {
            let user = try await services.users.get(actor: principal, tenantID: principal.scope.uuid, id: id)
            var changes = UserChanges(fullName: WebStep.text(form, "nama"))
            if user.role == .agencyOperator {
                let agencies = try await services.allAgencies(principal)
                let chosen = agencies.filter { form["instansi-\($0.id.lowercased)"] != nil }.map(\.id)
                // An operator without agencies could see nothing; the create form asks the same.
                guard !chosen.isEmpty || principal.role != .tenantAdmin else {
                    throw DomainError.invalid("agency_ids.required", "An agency operator needs at least one agency.", field: "agencyIDs")
                }
                changes.agencyIDs = chosen
            }
            _ = try await services.users.update(actor: principal, tenantID: principal.scope.uuid, id: id, changes,
                                                expectedVersion: version)
            return WebStep.done("/pengguna/\(id.lowercased)", "disimpan")
        } catch let error as DomainError where [.invalid, .conflict, .preconditionFailed].contains(error.kind) {
            return try await show(request, context, refusal: UserWording.refusal(error), entered: form)
        }
    }

    private func toggle(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let principal = try Self.tenantUser(context)
        let id = try HTTPInput.id(context, "userID", notFound: UserController.notFoundUser)
        let form = try await WebForm.read(&request)
        let version = try WebStep.version(form)
        let active: Bool
        switch form["aktif"] {
        case "ya"?: active = true
        case "tidak"?: active = false
        default: throw WebStep.badForm
        }
        do {
            _ = try await services.users.update(actor: principal, tenantID: principal.scope.uuid, id: id,
                                                UserChanges(active: active), expectedVersion: version)
            return WebStep.done("/pengguna/\(id.lowercased)", active ? "diaktifkan" : "dinonaktifkan")
        } catch let error as DomainError where [.invalid, .conflict, .preconditionFailed].contains(error.kind) {
            return try await show(request, context, refusal: UserWording.refusal(error))
        }
    }

    // MARK: Agencies

    private func agencies(_ request: Request, _ context: AppRequestContext, refusal: WebStep.Refusal? = nil,
                          entered: WebForm? = nil) async throws -> Response {
        let principal = try Self.tenantUser(context)
        let pager = try Pager(request)
        let page = try await services.agencies.list(actor: principal, tenantID: principal.scope.uuid, page: try pager.request)
        let html = AgencyListPage.render(page: page, pager: pager, principal: principal, csrf: context.csrfToken,
                                         flash: WebStep.flash(request, Self.flashes), refusal: refusal?.message, entered: entered)
        return Layout.response(html, status: refusal?.status ?? .ok)
    }

    private func createAgency(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let principal = try Self.tenantUser(context)
        let form = try await WebForm.read(&request)
        do {
            _ = try await services.agencies.create(actor: principal, tenantID: principal.scope.uuid,
                                                   code: WebStep.text(form, "kode"), name: WebStep.text(form, "nama"))
            return WebStep.done("/instansi", "instansi")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            return try await agencies(request, context, refusal: UserWording.refusal(error), entered: form)
        }
    }
}
