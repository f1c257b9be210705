import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A browser's part in page tests: cookies in, form posts, the CSRF token read off the page.
extension TestClientProtocol {
    /// Signs in through the sign-in form and returns the session cookie's value.
    func webSignIn(_ tenant: String?, _ username: String, password: String = TestApp.demoPassword,
                   headers extra: HTTPFields = [:]) async throws -> String {
        let response = try await webPostSignIn(tenant, username, password: password, headers: extra)
        guard response.status == .seeOther, let session = response.cookie(WebPage.session), !session.isEmpty else {
            throw TestSetupError("web sign-in \(tenant ?? "-")/\(username): \(response.status) \(response.text.prefix(300))")
        }
        return session
    }

    /// Opens the sign-in form, then posts it with its token and cookie.
    func webPostSignIn(_ tenant: String?, _ username: String, password: String = TestApp.demoPassword,
                       headers extra: HTTPFields = [:]) async throws -> TestResponse {
        let form = try await execute(uri: "/masuk", method: .get, headers: extra)
        guard let cookie = form.cookie(WebPage.signIn), let token = form.csrfToken else {
            throw TestSetupError("sign-in form without cookie or token: \(form.status)")
        }
        return try await webPost("/masuk", fields: ["tenant": tenant ?? "", "username": username, "password": password, "csrf": token],
                                 cookies: [WebPage.signIn: cookie], headers: extra)
    }

    func webGet(_ uri: String, session: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let session { headers[.cookie] = "\(WebPage.session)=\(session)" }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    func webPost(_ uri: String, fields: [String: String], cookies: [String: String], headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let body = fields.map { "\(WebPage.encode($0.key))=\(WebPage.encode($0.value))" }.joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

enum WebPage {
    static let session = "mutasi_sesi"
    static let signIn = "mutasi_masuk"

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestResponse {
    /// The `Set-Cookie` header that sets `name`, whole (with its attributes).
    func setCookie(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix("\(name)=") }
    }

    /// The value a `Set-Cookie` gives `name`.
    func cookie(_ name: String) -> String? {
        setCookie(name).map { String($0.dropFirst(name.count + 1).prefix { $0 != ";" }) }
    }

    /// The CSRF token of the page's forms.
    var csrfToken: String? {
        let page = text
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    var location: String? { headers[.location] }
}
