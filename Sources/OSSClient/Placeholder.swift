// The OSS client library; see OSSClient.swift.
