import Testing

@testable import OSSModel

@Suite struct ContentTypeTests {
    @Test(arguments: [
        ("index.html", "text/html"), ("a.htm", "text/html"), ("notes.txt", "text/plain"),
        ("style.css", "text/css"), ("app.js", "application/javascript"),
        ("mod.mjs", "application/javascript"), ("data.json", "application/json"),
        ("feed.xml", "application/xml"), ("p.jpg", "image/jpeg"), ("p.jpeg", "image/jpeg"),
        ("p.png", "image/png"), ("p.gif", "image/gif"), ("p.webp", "image/webp"),
        ("p.svg", "image/svg+xml"), ("favicon.ico", "image/x-icon"), ("p.bmp", "image/bmp"),
        ("p.tif", "image/tiff"), ("p.tiff", "image/tiff"), ("doc.pdf", "application/pdf"),
        ("a.zip", "application/zip"), ("a.gz", "application/gzip"), ("a.tgz", "application/gzip"),
        ("a.tar", "application/x-tar"), ("a.bz2", "application/x-bzip2"),
        ("a.7z", "application/x-7z-compressed"), ("a.rar", "application/vnd.rar"),
        ("s.mp3", "audio/mpeg"), ("s.wav", "audio/wav"), ("s.ogg", "audio/ogg"),
        ("s.flac", "audio/flac"), ("s.aac", "audio/aac"), ("s.m4a", "audio/mp4"),
        ("v.mp4", "video/mp4"), ("v.m4v", "video/mp4"), ("v.mov", "video/quicktime"),
        ("v.avi", "video/x-msvideo"), ("v.mkv", "video/x-matroska"), ("v.webm", "video/webm"),
        ("v.flv", "video/x-flv"), ("v.wmv", "video/x-ms-wmv"), ("d.doc", "application/msword"),
        ("d.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("d.xls", "application/vnd.ms-excel"),
        ("d.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("d.ppt", "application/vnd.ms-powerpoint"),
        ("d.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("t.csv", "text/csv"), ("README.md", "text/markdown"),
        ("app.apk", "application/vnd.android.package-archive"), ("setup.exe", "application/x-msdownload"),
        ("fw.bin", "application/octet-stream"), ("os.iso", "application/x-iso9660-image"),
        ("x.dmg", "application/x-apple-diskimage"), ("f.woff", "font/woff"), ("f.woff2", "font/woff2"),
        ("f.ttf", "font/ttf"), ("f.otf", "font/otf"), ("f.eot", "application/vnd.ms-fontobject"),
        ("m.wasm", "application/wasm"), ("c.yaml", "application/yaml"), ("c.yml", "application/yaml"),
        ("r.rtf", "application/rtf"), ("b.epub", "application/epub+zip"),
    ])
    func knownExtensionsMap(key: String, type: String) {
        #expect(ContentTypes.forKey(key) == type)
    }

    @Test func extensionIsCaseInsensitive() {
        #expect(ContentTypes.forKey("IMG_0001.JPG") == "image/jpeg")
        #expect(ContentTypes.forKey("Page.HtMl") == "text/html")
        #expect(ContentTypes.forExtension("PNG") == "image/png")
    }

    @Test func onlyTheLastDotOfTheLastSegmentCounts() {
        #expect(ContentTypes.forKey("archive.tar.gz") == "application/gzip")
        #expect(ContentTypes.forKey("site.html/README") == "application/octet-stream")
        #expect(ContentTypes.forKey("dir.d/file") == "application/octet-stream")
        #expect(ContentTypes.forKey("a/b/c/photo.png") == "image/png")
        #expect(ContentTypes.forKey("中文目录/照片.jpg") == "image/jpeg")
    }

    @Test func missingOrUnknownExtensionIsOctetStream() {
        for key in ["README", "dir/", "file.", "a.unknownext", "x.verylongextensionname", "", ".", "a/.", "中文"] {
            #expect(ContentTypes.forKey(key) == "application/octet-stream", "\(key)")
        }
        #expect(ContentTypes.forExtension("nope") == nil)
    }

    @Test func tableIsLargeAndWellFormed() {
        #expect(ContentTypes.byExtension.count >= 120)
        for (ext, type) in ContentTypes.byExtension {
            #expect(ext == ext.lowercased())
            #expect(type.contains("/"))
        }
    }
}
