import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// `/v1/auth/...` and `/v1/me`: login, logout, who am I, password change.
struct AuthController {
    let services: Services
    var trustedProxies = TrustedProxies()
    static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!

    struct LoginBody: Decodable {
        /// Tenant code; absent for platform and BKN admins.
        var tenant: String?
        var username: String
        var password: String
    }
    struct PasswordBody: Decodable {
        var currentPassword: String
        var newPassword: String
    }

    func registerPublic(_ router: Router<AppRequestContext>, _ table: RouteTable) {
        let auth = services.auth, proxies = trustedProxies
        table.on(router, "/v1/auth/login", method: .post) { request, context in
            let body = try await request.decode(as: LoginBody.self, context: context)
            let client = proxies.clientAddress(peer: context.peerAddress,
                                               forwardedFor: request.headers[values: Self.forwardedFor])
            let result = try await auth.login(tenantCode: body.tenant, username: body.username, password: body.password,
                                              clientAddress: client)
            return try HTTPInput.json(result)
        }
    }

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let auth = services.auth
        table.on(group, prefix: "/v1", "auth/logout", method: .post) { _, context in
            try await auth.logout(actor: try context.requirePrincipal(), token: context.bearerToken ?? "")
            return Response(status: .noContent)
        }
        table.on(group, prefix: "/v1", "me", method: .get) { _, context in
            try HTTPInput.json(try context.requirePrincipal().user)
        }
        table.on(group, prefix: "/v1", "me/password", method: .put) { request, context in
            let body = try await request.decode(as: PasswordBody.self, context: context)
            try await auth.changePassword(actor: try context.requirePrincipal(), currentToken: context.bearerToken,
                                          current: body.currentPassword, new: body.newPassword)
            return Response(status: .noContent)
        }
    }
}
