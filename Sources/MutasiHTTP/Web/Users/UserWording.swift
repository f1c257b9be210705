import Foundation
import MutasiDomain

/// The refusals of the user and agency forms in Bahasa Indonesia, naming the field.
enum UserWording {
    static func refusal(_ error: DomainError) -> WebStep.Refusal {
        WebStep.Refusal(status: Problem.status(for: error.kind), message: message(error))
    }

    static func message(_ error: DomainError) -> String {
        if let known = messages[error.code] { return known }
        if error.kind == .invalid, let field = error.field, let name = fields[field] {
            return "\(name): isian tidak valid."
        }
        return WebStep.message(error)
    }

    static let fields = ["username": "Nama pengguna", "fullName": "Nama lengkap", "role": "Peran", "password": "Kata sandi",
                         "agencyIDs": "Instansi", "active": "Status", "code": "Kode instansi", "name": "Nama instansi"]

    static let messages: [String: String] = [
        "username.invalid": "Nama pengguna: 2 sampai 64 huruf kecil, angka atau tanda hubung, diawali huruf (mis. operator-dinkes).",
        "user.username_taken": "Nama pengguna: sudah dipakai pengguna lain di daerah ini; pilih nama lain.",
        "fullName.required": "Nama lengkap: wajib diisi.",
        "fullName.too_long": "Nama lengkap: paling banyak 200 karakter.",
        "password.too_short": "Kata sandi: paling sedikit 10 karakter.",
        "password.too_long": "Kata sandi: paling banyak 72 byte (huruf di luar ASCII memakan 2 sampai 4 byte).",
        "agency_ids.required": "Instansi: operator instansi harus ditugaskan pada paling sedikit satu instansi.",
        "agency.not_found": "Instansi: instansi yang dipilih tidak ditemukan.",
        "user.role_scope": "Peran: pilih peran pengguna pemerintah daerah.",
        "user.cannot_deactivate_self": "Status: Anda tidak dapat menonaktifkan akun Anda sendiri.",
        "code.invalid": "Kode instansi: 2 sampai 64 huruf kecil, angka atau tanda hubung, diawali huruf (mis. dinkes).",
        "agency.code_taken": "Kode instansi: sudah dipakai instansi lain; pilih kode lain.",
        "name.required": "Nama instansi: wajib diisi.",
        "name.too_long": "Nama instansi: paling banyak 200 karakter.",
    ]
}
