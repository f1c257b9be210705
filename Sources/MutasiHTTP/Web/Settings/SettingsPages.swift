import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// `/pengaturan`: the signed-in user's own tenant's needs, plan and decree settings. Tenant
/// admins change them; approvers and auditors read them. No tenant or id travels in the URL:
/// the tenant is always the caller's. Each form carries the version it was read at.
struct SettingsPages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/pengaturan") { request, context in try await show(request, context) }
        signedIn.post("/pengaturan/abk") { request, context in try await save(request, context, .needs) }
        signedIn.post("/pengaturan/rencana") { request, context in try await save(request, context, .plan) }
        signedIn.post("/pengaturan/sk") { request, context in try await save(request, context, .decree) }
    }

    enum Section: String, Sendable { case needs = "abk", plan = "rencana", decree = "sk" }

    static let flashes = ["abk": "Pengaturan ABK disimpan.", "rencana": "Bobot bawaan rencana disimpan.",
                          "sk": "Pengaturan SK disimpan."]

    static let notServed = DomainError(.forbidden, code: "web.settings_readers",
                                       "Halaman pengaturan untuk admin BKD, pejabat penyetuju dan auditor.")

    /// Operators and employees have no part in the settings (the services would refuse the plan
    /// and decree parts anyway); platform-level users have no tenant here.
    static func reader(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw WebController.roleNotServed }
        if principal.role == .agencyOperator || principal.role == .employee { throw notServed }
        return principal
    }

    /// A form refused: which one, what was entered, and why.
    struct Failure {
        var section: Section
        var entered: WebForm
        var refusal: WebStep.Refusal
    }

    private func show(_ request: Request, _ context: AppRequestContext, failure: Failure? = nil) async throws -> Response {
        let principal = try Self.reader(context)
        let started = ContinuousClock.now
        let tenantID = principal.scope.uuid
        let needs = try await services.needsSettings.get(actor: principal, tenantID: tenantID)
        let plan = try await services.planSettings.get(actor: principal, tenantID: tenantID)
        let decree = try await services.decreeSettings.get(actor: principal, tenantID: tenantID)
        let html = SettingsPage.render(needs: needs, plan: plan, decree: decree, principal: principal, csrf: context.csrfToken,
                                       flash: failure == nil ? WebStep.flash(request, Self.flashes) : nil, failure: failure)
        return Layout.response(html, status: failure?.refusal.status ?? .ok).timed(since: started)
    }

    private func save(_ request: Request, _ context: AppRequestContext, _ section: Section) async throws -> Response {
        var request = request
        let principal = try Self.reader(context)
        let tenantID = principal.scope.uuid
        let form = try await WebForm.read(&request)
        do {
            let version = try WebStep.version(form)
            switch section {
            case .needs:
                _ = try await services.needsSettings.update(actor: principal, tenantID: tenantID, try SettingsInput.needs(form),
                                                            expectedVersion: version)
            case .plan:
                _ = try await services.planSettings.update(actor: principal, tenantID: tenantID, try SettingsInput.plan(form),
                                                           expectedVersion: version)
            case .decree:
                _ = try await services.decreeSettings.update(actor: principal, tenantID: tenantID, try SettingsInput.decree(form),
                                                             expectedVersion: version)
            }
            return WebStep.done("/pengaturan", section.rawValue)
        } catch let error as DomainError where [.invalid, .conflict, .preconditionFailed].contains(error.kind) {
            return try await show(request, context, failure: Failure(section: section, entered: form,
                                                                     refusal: SettingsWording.refusal(error)))
        }
    }
}
