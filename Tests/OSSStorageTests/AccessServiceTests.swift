import OSSModel
import OSSStorage
import OSSTesting
import Testing

@Suite("AccessService")
struct AccessServiceTests {
    let access = AccessService()
    let root = Principal.root(accessKeyId: "ak")

    @Test func rootMayDoAnything() throws {
        for kind in [AccessKind.service, .ownerOnly, .bucketList, .objectRead, .objectWrite] {
            try access.authorize(root, kind, bucket: Fixtures.bucket(), objectACL: .private)
        }
    }

    @Test func anonymousFollowsObjectThenBucketACL() throws {
        let privateBucket = Fixtures.bucket(acl: .private)
        let publicBucket = Fixtures.bucket(acl: .publicRead)
        #expect(throws: OSSError.self) { try access.authorize(.anonymous, .objectRead, bucket: privateBucket) }
        try access.authorize(.anonymous, .objectRead, bucket: publicBucket)
        try access.authorize(.anonymous, .objectRead, bucket: privateBucket, objectACL: .publicRead)
        #expect(throws: OSSError.self) {
            try access.authorize(.anonymous, .objectRead, bucket: publicBucket, objectACL: .private)
        }
        #expect(throws: OSSError.self) { try access.authorize(.anonymous, .objectWrite, bucket: publicBucket) }
        try access.authorize(.anonymous, .objectWrite, bucket: privateBucket, objectACL: .publicReadWrite)
        try access.authorize(.anonymous, .bucketList, bucket: publicBucket)
        #expect(throws: OSSError.self) { try access.authorize(.anonymous, .ownerOnly, bucket: publicBucket) }
        #expect(throws: OSSError.self) { try access.authorize(.anonymous, .service, bucket: nil) }
    }
}
