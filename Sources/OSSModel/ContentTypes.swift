import Foundation

/// The default `Content-Type` of an object uploaded without one, guessed from its key.
///
/// Only the text after the last `.` of the last path segment counts, compared
/// case-insensitively: `photos/2024/IMG.JPG` → `image/jpeg`, `a.tar.gz` → `application/gzip`.
/// Keys without an extension (`README`, `dir/`, `dir.d/file`) and unknown extensions give
/// `application/octet-stream`, as OSS does. A dot file such as `.bashrc` counts as extension
/// `bashrc`, which is unknown.
public enum ContentTypes {
    /// The type used when nothing better is known.
    public static let defaultType = "application/octet-stream"

    /// The MIME type for `key`'s extension, or ``defaultType``.
    public static func forKey(_ key: String) -> String {
        guard let ext = fileExtension(of: key) else { return defaultType }
        return byExtension[ext] ?? defaultType
    }

    /// The MIME type for a bare extension such as `"png"` (no dot, any case), or `nil`.
    public static func forExtension(_ ext: String) -> String? {
        byExtension[ext.lowercased()]
    }

    /// The lower-cased text after the last `.` of the last `/`-separated segment, or `nil`
    /// when there is none (or it is empty, or longer than any known extension).
    static func fileExtension(of key: String) -> String? {
        let utf8 = key.utf8
        var dot: String.UTF8View.Index?
        var index = utf8.endIndex
        while index > utf8.startIndex {
            let previous = utf8.index(before: index)
            let byte = utf8[previous]
            if byte == UInt8(ascii: "/") { break }
            if byte == UInt8(ascii: ".") {
                dot = previous
                break
            }
            index = previous
        }
        guard let dot else { return nil }
        let start = utf8.index(after: dot)
        let length = utf8.distance(from: start, to: utf8.endIndex)
        guard length > 0, length <= 16 else { return nil }
        return String(key[start...]).lowercased()
    }

    /// Extension → MIME type; the values follow IANA registrations and common server tables.
    static let byExtension: [String: String] = [
        // Text and web
        "html": "text/html", "htm": "text/html", "shtml": "text/html", "xhtml": "application/xhtml+xml",
        "txt": "text/plain", "text": "text/plain", "log": "text/plain", "conf": "text/plain",
        "ini": "text/plain", "css": "text/css", "csv": "text/csv", "tsv": "text/tab-separated-values",
        "md": "text/markdown", "markdown": "text/markdown", "rtf": "application/rtf",
        "js": "application/javascript", "mjs": "application/javascript", "json": "application/json",
        "map": "application/json", "jsonld": "application/ld+json", "xml": "application/xml",
        "xsl": "application/xml", "xsd": "application/xml", "dtd": "application/xml-dtd",
        "rss": "application/rss+xml", "atom": "application/atom+xml", "yaml": "application/yaml",
        "yml": "application/yaml", "toml": "application/toml", "vcf": "text/vcard", "ics": "text/calendar",
        "vtt": "text/vtt", "srt": "application/x-subrip", "manifest": "text/cache-manifest",
        "webmanifest": "application/manifest+json", "wasm": "application/wasm",
        // Source code commonly served raw
        "sh": "application/x-sh", "py": "text/x-python", "java": "text/x-java-source", "c": "text/x-c",
        "h": "text/x-c", "cpp": "text/x-c", "go": "text/plain", "swift": "text/plain",
        // Images
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "jfif": "image/jpeg",
        "png": "image/png", "apng": "image/apng", "gif": "image/gif", "webp": "image/webp",
        "avif": "image/avif", "heic": "image/heic", "heif": "image/heif", "svg": "image/svg+xml",
        "svgz": "image/svg+xml", "ico": "image/x-icon", "bmp": "image/bmp", "tif": "image/tiff",
        "tiff": "image/tiff", "psd": "image/vnd.adobe.photoshop", "jxl": "image/jxl",
        // Audio
        "mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "oga": "audio/ogg",
        "opus": "audio/opus", "flac": "audio/flac", "aac": "audio/aac", "m4a": "audio/mp4",
        "mid": "audio/midi", "midi": "audio/midi", "wma": "audio/x-ms-wma", "amr": "audio/amr",
        "weba": "audio/webm", "aiff": "audio/aiff",
        // Video
        "mp4": "video/mp4", "m4v": "video/mp4", "mpg": "video/mpeg", "mpeg": "video/mpeg",
        "mov": "video/quicktime", "qt": "video/quicktime", "avi": "video/x-msvideo",
        "mkv": "video/x-matroska", "webm": "video/webm", "flv": "video/x-flv", "wmv": "video/x-ms-wmv",
        "3gp": "video/3gpp", "3g2": "video/3gpp2", "ts": "video/mp2t", "m3u8": "application/vnd.apple.mpegurl",
        "ogv": "video/ogg", "asf": "video/x-ms-asf", "rmvb": "application/vnd.rn-realmedia-vbr",
        // Archives and compression
        "zip": "application/zip", "gz": "application/gzip", "tgz": "application/gzip",
        "tar": "application/x-tar", "bz2": "application/x-bzip2", "xz": "application/x-xz",
        "zst": "application/zstd", "7z": "application/x-7z-compressed", "rar": "application/vnd.rar",
        "jar": "application/java-archive", "war": "application/java-archive",
        "lz": "application/x-lzip", "z": "application/x-compress",
        // Documents
        "pdf": "application/pdf", "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "dot": "application/msword", "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation", "epub": "application/epub+zip",
        "mobi": "application/x-mobipocket-ebook", "ps": "application/postscript",
        "eps": "application/postscript", "ai": "application/postscript", "tex": "application/x-tex",
        "chm": "application/vnd.ms-htmlhelp", "xps": "application/vnd.ms-xpsdocument",
        // Fonts
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "eot": "application/vnd.ms-fontobject", "ttc": "font/collection",
        // Binaries, packages and disk images
        "apk": "application/vnd.android.package-archive", "ipa": "application/octet-stream",
        "exe": "application/x-msdownload", "dll": "application/x-msdownload",
        "msi": "application/x-msdownload", "bin": "application/octet-stream",
        "iso": "application/x-iso9660-image", "dmg": "application/x-apple-diskimage",
        "deb": "application/vnd.debian.binary-package", "rpm": "application/x-rpm",
        "swf": "application/x-shockwave-flash", "class": "application/java-vm",
        "torrent": "application/x-bittorrent", "pem": "application/x-pem-file",
        "crt": "application/x-x509-ca-cert", "der": "application/x-x509-ca-cert",
        "p12": "application/x-pkcs12", "pfx": "application/x-pkcs12",
        "parquet": "application/vnd.apache.parquet", "sqlite": "application/vnd.sqlite3",
    ]
}
