import Foundation
import MutasiDomain

/// Masks employees' personal data in audit events for readers who oversee a tenant without
/// belonging to it (platform and BKN admins): they can follow what changed and verify the chain,
/// but not read NIPs, names, birth dates, lock reasons or SKP ratings.
public enum AuditRedaction {
    /// What a masked value reads as.
    public static let mask = "[disamarkan]"

    /// Personal keys in any snapshot: the employee's identity and what derives from it, a
    /// user's full name, a plan move's employee.
    static let personalKeys: Set<String> = [
        "nip", "birthDate", "retirementDate", "sex", "lockReason", "performance", "employeeName", "fullName",
    ]

    /// The event as such a reader sees it; `redacted` says whether anything was masked. The hash
    /// is the stored one, so a masked copy does not recompute to it.
    public static func redact(_ event: AuditEvent) -> AuditEvent {
        var copy = event
        copy.entityID = maskNumber(event.entityID)
        copy.actorName = maskNumber(event.actorName)
        copy.before = event.before.map { document($0, entityType: event.entityType) }
        copy.after = event.after.map { document($0, entityType: event.entityType) }
        copy.redacted = copy != event
        return copy
    }

    /// An 18-digit NIP or NI PPPK, masked; any other text as it is.
    static func maskNumber(_ text: String) -> String {
        text.utf8.count == 18 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? mask : text
    }

    static func document(_ json: String, entityType: String) -> String {
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
            return entityType == "employee" ? encoded(mask) : json
        }
        // An employee event whose snapshot is not the record itself (e.g. SKP ratings) is
        // personal as a whole.
        if entityType == "employee" && !(root is [String: Any]) { return encoded(mask) }
        var changed = false
        let masked = walk(root, employee: entityType == "employee", changed: &changed)
        return changed ? encoded(masked) : json
    }

    static func walk(_ value: Any, employee: Bool, changed: inout Bool) -> Any {
        switch value {
        case let object as [String: Any]:
            // A user record of an employee: the login name is often the NIP or the person's name.
            let employeeUser = object["role"] as? String == Role.employee.rawValue && object["username"] != nil
            var result: [String: Any] = [:]
            for (key, child) in object {
                if personalKeys.contains(key) || (employee && key == "name") || (employeeUser && key == "username") {
                    if !(child is NSNull) { result[key] = mask; changed = true } else { result[key] = child }
                } else {
                    result[key] = walk(child, employee: employee, changed: &changed)
                }
            }
            return result
        case let array as [Any]:
            return array.map { walk($0, employee: employee, changed: &changed) }
        case let text as String:
            let masked = maskNumber(text)
            if masked != text { changed = true }
            return masked
        default:
            return value
        }
    }

    static func encoded(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value,
                                                     options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return "\"\(mask)\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
