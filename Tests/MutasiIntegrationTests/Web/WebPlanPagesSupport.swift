import Foundation
import Hummingbird
import HummingbirdTesting

/// What the campaign and plan page tests share: the hidden fields of a page's form, and
/// posting them as a signed-in user.
extension TestResponse {
    /// The named fields of the form whose action is `action` (inputs with a value; the first of each name).
    func formFields(_ action: String) -> [String: String]? {
        let page = text
        guard let start = page.range(of: "action=\"\(action)\"") else { return nil }
        let rest = page[start.upperBound...]
        let form = rest[..<(rest.range(of: "</form>")?.lowerBound ?? rest.endIndex)]
        var fields: [String: String] = [:]
        var cursor = form.startIndex
        while let name = form[cursor...].range(of: "name=\"") {
            let nameEnd = form[name.upperBound...].firstIndex(of: "\"") ?? form.endIndex
            let key = String(form[name.upperBound..<nameEnd])
            let tagEnd = form[nameEnd...].firstIndex(of: ">") ?? form.endIndex
            if let value = form[nameEnd..<tagEnd].range(of: "value=\""), fields[key] == nil {
                fields[key] = String(form[value.upperBound...].prefix { $0 != "\"" })
            }
            cursor = tagEnd
        }
        return fields
    }
}

extension TestClientProtocol {
    /// Posts the form with `action` found on `page`, with `extra` fields set over its own.
    func submit(_ page: TestResponse, _ action: String, session: String, _ extra: [String: String] = [:]) async throws -> TestResponse {
        guard var fields = page.formFields(action) else { throw TestSetupError("no form \(action) on the page: \(page.text.prefix(400))") }
        for (k, v) in extra { fields[k] = v }
        return try await webPost(action, fields: fields, cookies: [WebPage.session: session])
    }

    /// The CSRF token of a session, read off a page it opens.
    func csrf(_ session: String) async throws -> String {
        guard let token = try await webGet("/", session: session).csrfToken else { throw TestSetupError("no CSRF token") }
        return token
    }
}
