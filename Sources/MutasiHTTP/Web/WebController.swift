import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// The web pages: sign-in and sign-out, the balance dashboard with its drill-down, and an
/// employee's own record. They call the same services as the API, as the signed-in user, so the
/// same role, tenant and ownership rules hold. Pages are not part of the API's route table.
struct WebController {
    let services: Services
    let settings: WebSettings

    func register(_ router: Router<AppRequestContext>) {
        let pages = router.group().add(middleware: WebPageMiddleware())
        pages.get(RouterPath(Stylesheet.route)) { request, _ in Stylesheet.response(request) }
        pages.get("/masuk") { request, context in signInForm(request, context) }
        pages.post("/masuk") { request, context in try await signIn(request, context) }

        let signedIn = pages.group().add(middleware: WebAuthMiddleware(auth: services.auth, settings: settings))
        signedIn.get("/") { _, context in try await dashboard(context) }
        signedIn.get("/instansi/{agencyID}") { _, context in try await agency(context) }
        signedIn.get("/saya") { _, context in try await ownRecord(context) }
        signedIn.post("/keluar") { request, context in try await signOut(request, context) }
        RegionPages(services: services).register(signedIn)
        PlanningPages(services: services).register(signedIn)
        NeedsPages(services: services).register(pages, signedIn)
        FilePages(services: services).register(signedIn)
        ReportPages(services: services).register(signedIn)
        EmployeePages(services: services).register(signedIn)
        CampaignFormPages(services: services).register(signedIn)
        UserPages(services: services).register(signedIn)
        SettingsPages(services: services).register(signedIn)
    }

    // MARK: Sign-in and sign-out

    private func signInForm(_ request: Request, _ context: AppRequestContext, tenant: String = "", username: String = "",
                            error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let value = WebSession.cookie(request, WebSession.signInCookie) ?? WebSession.randomValue()
        var response = Layout.response(SignInPage.render(csrf: value, tenant: tenant, username: username, error: error),
                                       status: status)
        response.headers.append(HTTPFields.Element(name: .setCookie, value: WebSession.setCookie(
            WebSession.signInCookie, value, maxAge: 3600, secure: secure(request, context))))
        return response
    }

    private func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        guard let expected = WebSession.cookie(request, WebSession.signInCookie), let sent = form[WebSession.csrfField],
              WebSession.same(sent, expected) else { throw WebRefusal.csrf }
        let tenant = (form["tenant"] ?? "").trimmingCharacters(in: .whitespaces)
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let client = settings.trustedProxies.clientAddress(peer: context.peerAddress,
                                                           forwardedFor: request.headers[values: AuthController.forwardedFor])
        let token: String
        do {
            token = try await services.auth.login(tenantCode: tenant.isEmpty ? nil : tenant, username: username,
                                                  password: form["password"] ?? "", clientAddress: client, channel: .web).token
        } catch let error as DomainError where [.unauthenticated, .forbidden, .tooManyRequests].contains(error.kind) {
            return signInForm(request, context, tenant: tenant, username: username, error: Self.signInFailure(error),
                              status: Problem.status(for: error.kind))
        }
        // Page sessions are held to the idle limit from the start.
        let principal = try await services.auth.authenticate(token: token, idle: settings.idleLimit)
        let secure = secure(request, context)
        var response = Response.redirect(to: Self.home(principal.role), type: .normal)
        response.headers.append(HTTPFields.Element(name: .setCookie, value: WebSession.setCookie(WebSession.sessionCookie, token, secure: secure)))
        response.headers.append(HTTPFields.Element(name: .setCookie, value: WebSession.setCookie(WebSession.signInCookie, "", maxAge: 0, secure: secure)))
        return response
    }

    /// Where a role lands after sign-in.
    static func home(_ role: Role) -> String {
        switch role {
        case .employee: "/saya"
        case .platformAdmin, .bknAdmin: "/daerah"
        case .tenantAdmin, .agencyOperator, .approver, .auditor: "/"
        }
    }

    static func signInFailure(_ error: DomainError) -> String {
        switch error.code {
        case "auth.locked":
            let seconds = error.field.map { String($0.dropFirst("retryAfter=".count)) } ?? "beberapa"
            return "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam \(seconds) detik."
        case "tenant.inactive": return "Instansi daerah ini sedang dinonaktifkan; penggunanya tidak dapat masuk."
        default: return "Kode instansi daerah, nama pengguna, atau kata sandi salah."
        }
    }

    private func signOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await services.auth.logout(actor: try context.requirePrincipal(), token: context.bearerToken ?? "")
        var response = Response.redirect(to: "/masuk", type: .normal)
        response.headers.append(HTTPFields.Element(name: .setCookie, value: WebSession.setCookie(
            WebSession.sessionCookie, "", maxAge: 0, secure: secure(request, context))))
        return response
    }

    private func secure(_ request: Request, _ context: AppRequestContext) -> Bool {
        WebSession.isSecure(request, peer: context.peerAddress, proxies: settings.trustedProxies)
    }

    // MARK: Pages behind sign-in

    static let roleNotServed = DomainError(.forbidden, code: "web.role_not_served",
                                           "Halaman ini untuk pengguna pemerintah daerah. Admin platform dan BKN membuka Pemerintah daerah.")

    private func dashboard(_ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        switch principal.role {
        case .employee, .platformAdmin, .bknAdmin: return Response.redirect(to: Self.home(principal.role), type: .normal)
        case .tenantAdmin, .agencyOperator, .approver, .auditor: break
        }
        let started = ContinuousClock.now
        // One computation gives the agencies and the employee lists' counts; past the first
        // page of agencies the rest are read page by page.
        let (first, counts) = try await services.balance.overview(actor: principal, tenantID: principal.scope.uuid, level: .agency,
                                                                  page: try PageRequest(limit: PageRequest.maxLimit))
        var report = first
        if report.items.count < report.total {
            report = try await BalanceTable.all(services.balance, actor: principal, tenantID: principal.scope.uuid, level: .agency)
        }
        let page = DashboardPage.render(report: report, principal: principal, csrf: context.csrfToken,
                                        subReports: ReportPages.cards(counts))
        return Layout.response(page).timed(since: started)
    }

    static let agencyNotFound = DomainError.notFound("agency.not_found", "Agency not found.")

    private func agency(_ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw Self.roleNotServed }
        let agencyID = try HTTPInput.id(context, "agencyID", notFound: Self.agencyNotFound)
        let started = ContinuousClock.now
        let tenantID = principal.scope.uuid
        let query = BalanceService.Query(agencyID: agencyID)
        // The balance service applies the role and agency rules; an agency it leaves empty may
        // still exist without slots, or not at all (another tenant's): the agency list tells.
        let units = try await BalanceTable.all(services.balance, actor: principal, tenantID: tenantID, level: .unit, query: query)
        guard let name = try await agencyName(principal, agencyID) else { throw Self.agencyNotFound }
        let slots = try await BalanceTable.all(services.balance, actor: principal, tenantID: tenantID, level: .slot, query: query)
        let page = AgencyPage.render(agencyName: name, units: units, slots: slots, principal: principal, csrf: context.csrfToken)
        return Layout.response(page).timed(since: started)
    }

    private func agencyName(_ principal: Principal, _ agencyID: UUID) async throws -> String? {
        try await services.allAgencies(principal).first { $0.id == agencyID }?.name
    }

    private func ownRecord(_ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role == .employee else {
            throw DomainError(.forbidden, code: "web.employees_only", "Halaman ini untuk pegawai: menampilkan data kepegawaian Anda sendiri.")
        }
        let tenantID = principal.scope.uuid
        var employee: Employee?, unitName: String?
        if let id = principal.user.employeeID {
            let record = try await services.employees.get(actor: principal, tenantID: tenantID, id: id)
            employee = record
            if let unitID = record.unitID {
                unitName = try await services.units.get(actor: principal, tenantID: tenantID, id: unitID).name
            }
        }
        return Layout.response(OwnRecordPage.render(employee: employee, unitName: unitName, principal: principal, csrf: context.csrfToken))
    }
}

extension Role {
    /// Platform and BKN admins: users of no tenant.
    var isPlatformLevel: Bool { self == .platformAdmin || self == .bknAdmin }
}
