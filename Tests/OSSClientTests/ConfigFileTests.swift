import OSSClient
import Testing

@Suite struct ConfigFileTests {
    let text = """
        # comment
        [default]
        accessKeyID = "AK1"
        access_key_secret=SK1
        region = cn-hangzhou

        [profile dev]
        source-profile = default
        Region = cn-beijing
        [buckets x]
        b =
          region = r
        [Credentials]
        endpoint = legacy.example.com

        """

    @Test func keysAreNormalizedAndQuotesStripped() {
        let file = ConfigFile(text: text)
        let settings = file.settings(profile: "default")
        #expect(settings["accesskeyid"] == "AK1")
        #expect(settings["accesskeysecret"] == "SK1")
        #expect(settings["endpoint"] == "legacy.example.com")
        #expect(file.profileNames == ["default", "dev"])
    }

    @Test func sourceProfileInheritsAndOwnKeysWin() {
        let settings = ConfigFile(text: text).settings(profile: "dev")
        #expect(settings["region"] == "cn-beijing")
        #expect(settings["accesskeyid"] == "AK1")
    }

    @Test func setReplacesInPlaceAndAppendsSections() {
        var file = ConfigFile(text: "[default]\naccessKeyID = a\n# keep\n")
        file.set("access-key-id", "b", profile: "default")
        file.set("region", "r", profile: "default")
        file.set("endpoint", "e", profile: "p")
        #expect(file.text == "[default]\naccessKeyID = b\n# keep\nregion = r\n\n[profile p]\nendpoint = e\n")
        file.set("region", "", profile: "default")
        #expect(file.text == "[default]\naccessKeyID = b\n# keep\n\n[profile p]\nendpoint = e\n")
    }

    @Test func precedenceIsFlagsThenEnvironmentThenFile() {
        let file = ConfigFile(text: "[default]\nregion = file\nendpoint = file\naccess-key-id = file\n")
        let settings = OSSSettings.resolve(
            flags: ["region": "flag"], environment: ["OSS_REGION": "env", "OSS_ENDPOINT": "env"], file: file,
            profile: "default")
        #expect(settings["region"] == "flag")
        #expect(settings["endpoint"] == "env")
        #expect(settings["accessKeyId"] == "file")
        let ignoring = OSSSettings.resolve(
            flags: [:], environment: ["OSS_REGION": "env"], file: file, profile: "default", ignoreEnvironment: true)
        #expect(ignoring["region"] == "file")
    }

    @Test func configPathAndProfileSources() {
        #expect(OSSSettings.configPath(flags: [:], environment: [:], home: "/h") == "/h/.ossutilconfig")
        #expect(OSSSettings.configPath(flags: [:], environment: ["OSSUTIL_CONFIG_FILE": "~/c"], home: "/h") == "/h/c")
        #expect(
            OSSSettings.configPath(flags: ["config-file": "/f"], environment: ["OSSUTIL_CONFIG_FILE": "/e"], home: "/h")
                == "/f")
        #expect(OSSSettings.profileName(flags: [:], environment: ["OSSUTIL_PROFILE": "p"]) == "p")
        #expect(OSSSettings.profileName(flags: [:], environment: [:]) == "default")
    }
}
