import OSSModel
import OSSStorage
import OSSTesting
import Testing

@Suite("AccessService")
struct AccessServiceTests {
    let access = AccessService()
    let root = Principal.root(accessKeyId: "ak")
    let request = AccessRequest(action: "oss:GetObject", bucket: "bkt", key: "k")

    @Test func rootMayDoAnything() throws {
        for kind in [AccessKind.service, .ownerOnly, .bucketList, .objectRead, .objectWrite] {
            try access.authorize(root, kind, request, bucket: Fixtures.bucket(), objectACL: .private)
        }
    }

    @Test func anonymousFollowsObjectThenBucketACL() throws {
        let privateBucket = Fixtures.bucket(acl: .private)
        let publicBucket = Fixtures.bucket(acl: .publicRead)
        #expect(throws: OSSError.self) { try access.authorize(.anonymous, .objectRead, request, bucket: privateBucket) }
        try access.authorize(.anonymous, .objectRead, request, bucket: publicBucket)
        try access.authorize(.anonymous, .objectRead, request, bucket: privateBucket, objectACL: .publicRead)
        #expect(throws: OSSError.self) {
            try access.authorize(.anonymous, .objectRead, request, bucket: publicBucket, objectACL: .private)
        }
        #expect(throws: OSSError.self) { try access.authorize(.anonymous, .objectWrite, request, bucket: publicBucket) }
        try access.authorize(.anonymous, .objectWrite, request, bucket: privateBucket, objectACL: .publicReadWrite)
        try access.authorize(.anonymous, .bucketList, request, bucket: publicBucket)
        #expect(throws: OSSError.self) { try access.authorize(.anonymous, .ownerOnly, request, bucket: publicBucket) }
        #expect(throws: OSSError.self) { try access.authorize(.anonymous, .service, request, bucket: nil) }
    }
}
