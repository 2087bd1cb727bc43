import OSSClient
import Testing

@Suite struct EndpointTests {
    @Test func schemeDefaultsToHTTPS() throws {
        let endpoint = try OSSEndpoint(parsing: "oss-cn-hangzhou.aliyuncs.com")
        #expect(endpoint == OSSEndpoint(scheme: "https", host: "oss-cn-hangzhou.aliyuncs.com", port: nil))
        #expect(
            endpoint.url(bucket: "b", key: "a b/c+d", style: .virtual)
                == "https://b.oss-cn-hangzhou.aliyuncs.com/a%20b/c%2Bd")
    }

    @Test func ipHostForcesPathStyle() throws {
        let endpoint = try OSSEndpoint(parsing: "http://127.0.0.1:9000")
        #expect(endpoint.isIPAddress)
        #expect(endpoint.url(bucket: "b", key: "k", style: .virtual) == "http://127.0.0.1:9000/b/k")
        #expect(endpoint.url(bucket: nil, key: nil, style: .virtual) == "http://127.0.0.1:9000/")
        #expect(endpoint.url(bucket: "b", key: nil, style: .virtual) == "http://127.0.0.1:9000/b/")
    }

    @Test func localhostStaysVirtualUnlessPathAsked() throws {
        let endpoint = try OSSEndpoint(parsing: "http://localhost:9000")
        #expect(!endpoint.isIPAddress)
        #expect(endpoint.url(bucket: "b", key: "k", style: .virtual) == "http://b.localhost:9000/k")
        #expect(endpoint.url(bucket: "b", key: "k", style: .path) == "http://localhost:9000/b/k")
        #expect(endpoint.url(bucket: "b", key: "k", style: .cname) == "http://localhost:9000/k")
    }

    @Test func ipv6AndRegionEndpoints() throws {
        let v6 = try OSSEndpoint(parsing: "http://[::1]:8080")
        #expect(v6.host == "::1" && v6.port == 8080 && v6.isIPAddress)
        #expect(v6.url(bucket: "b", key: "k", style: .virtual) == "http://[::1]:8080/b/k")
        #expect(OSSEndpoint.forRegion("cn-beijing").authority == "oss-cn-beijing.aliyuncs.com")
    }

    @Test func badEndpointsAreRejected() {
        #expect(throws: OSSClientError.invalidArgument("invalid endpoint ftp://x: scheme must be http or https")) {
            try OSSEndpoint(parsing: "ftp://x")
        }
        #expect(throws: OSSClientError.invalidArgument("invalid endpoint http://h:99999: bad port")) {
            try OSSEndpoint(parsing: "http://h:99999")
        }
    }

    @Test func v4WithoutRegionIsRefused() {
        let configuration = OSSClientConfiguration(
            endpoint: OSSEndpoint(scheme: "http", host: "127.0.0.1", port: 1), region: nil,
            credentials: OSSCredentials(accessKeyId: "a", accessKeySecret: "b"))
        #expect(throws: OSSClientError.invalidArgument("region must be set in sign version 4")) {
            _ = try OSSClient(configuration: configuration)
        }
    }

    @Test func serviceErrorTextMatchesTheGoSDK() {
        let error = OSSServiceError(
            operation: "GetSymlink", statusCode: 404, code: "NoSuchKey", message: "The specified key does not exist.",
            requestId: "5C3D", ec: "0026-00000001", timestamp: nil, requestEndpoint: "GET https://b.h/k?symlink")
        #expect(
            error.description == """
                Error returned by Service. 
                Http Status Code: 404. 
                Error Code: NoSuchKey. 
                Request Id: 5C3D. 
                Message: The specified key does not exist..
                EC: 0026-00000001.
                Timestamp: 0001-01-01 00:00:00 +0000 UTC.
                Request Endpoint: GET https://b.h/k?symlink.
                """)
    }
}
