import Hummingbird
import MutasiDomain

/// The page shown when a page is refused or fails: the status, and what to do, in Bahasa Indonesia.
enum ErrorPage {
    static func response(for error: DomainError) -> Response {
        let status = Problem.status(for: error.kind)
        // Messages of the pages' own refusals are written for people; the services' are the API's.
        return response(status: status, detail: error.code.hasPrefix("web.") ? error.message : nil)
    }

    static func response(status: HTTPResponse.Status, detail: String? = nil) -> Response {
        let (title, text) = wording(status)
        let body: HTML = """
            <h1>\(title)</h1>
            <p>\(detail ?? text)</p>
            <p><a href="/">Kembali ke beranda</a></p>
            """
        return Layout.response(Layout.page(title: title, principal: nil, csrf: nil, body: body), status: status)
    }

    static func wording(_ status: HTTPResponse.Status) -> (String, String) {
        switch status.code {
        case 400: ("Permintaan tidak valid", "Isian atau alamat halaman tidak dapat diproses.")
        case 401: ("Perlu masuk", "Silakan masuk terlebih dahulu.")
        case 403: ("Akses ditolak", "Anda tidak berhak membuka halaman ini.")
        case 404: ("Halaman tidak ditemukan", "Halaman atau data yang Anda cari tidak ada.")
        case 409: ("Tidak dapat diproses", "Keadaan data tidak memungkinkan langkah ini.")
        case 405: ("Metode tidak didukung", "Alamat ini tidak menerima cara permintaan tersebut.")
        case 413: ("Isian terlalu besar", "Isian formulir melebihi batas.")
        case 429: ("Terlalu banyak percobaan", "Tunggu sebentar lalu coba lagi.")
        case 503: ("Layanan sibuk", "Server sedang sibuk; coba lagi sebentar lagi.")
        default: ("Terjadi kesalahan", "Terjadi kesalahan di server. Coba lagi nanti.")
        }
    }
}
