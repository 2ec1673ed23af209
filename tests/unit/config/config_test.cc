#include "naskah/config/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace naskah::config {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = (std::filesystem::temp_directory_path() /
              ("naskah-config-test-" + std::to_string(::getpid()) + ".toml"))
                 .string();
  }
  void TearDown() override { std::filesystem::remove(m_path); }
  Sources with_file(const std::string& toml) {
    std::ofstream(m_path) << toml;
    Sources sources;
    sources.file = m_path;
    return sources;
  }
  static std::string origin_of(const Config& config, const std::string& key) {
    for (const auto& e : config.entries()) {
      if (e.key == key) return to_string(e.origin);
    }
    return "missing";
  }
  std::string m_path;
};

TEST_F(ConfigTest, DefaultsNeedNoFile) {
  auto config = Config::load(Sources{});
  ASSERT_TRUE(config) << config.error().message;
  const Settings& s = config->settings();
  EXPECT_EQ(s.data_dir, "./naskah-data");
  EXPECT_EQ(s.extract.languages, "ind+eng");
  EXPECT_EQ(s.extract.ocr_dpi, 300);
  EXPECT_TRUE(s.extract.orientation);
  EXPECT_EQ(origin_of(*config, "limits.max_pages"), "default");
}

TEST_F(ConfigTest, FileOverridesDefaults) {
  auto config = Config::load(with_file(R"(
data_dir = "/srv/naskah"
[extract]
workers = 3
deskew = false
[limits]
max_pages = 50
)"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->settings().data_dir, "/srv/naskah");
  EXPECT_EQ(config->settings().extract.workers, 3);
  EXPECT_FALSE(config->settings().extract.deskew);
  EXPECT_EQ(config->settings().limits.max_pages, 50);
  EXPECT_EQ(origin_of(*config, "extract.workers"), "file");
  EXPECT_EQ(origin_of(*config, "extract.ocr_dpi"), "default");
}

TEST_F(ConfigTest, EnvironmentOverridesFileAndFlagsOverrideEnvironment) {
  Sources sources = with_file("[extract]\nworkers = 3\nocr_dpi = 200\n");
  sources.environment = {{"NASKAH_EXTRACT_WORKERS", "5"}, {"NASKAH_EXTRACT_OCR_DPI", "250"}};
  sources.flags = {{"extract.workers", "7"}};
  auto config = Config::load(sources);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->settings().extract.workers, 7);
  EXPECT_EQ(config->settings().extract.ocr_dpi, 250);
  EXPECT_EQ(origin_of(*config, "extract.workers"), "flag");
  EXPECT_EQ(origin_of(*config, "extract.ocr_dpi"), "environment");
}

TEST_F(ConfigTest, UnknownKeyIsNamed) {
  auto config = Config::load(with_file("[extract]\nworkerz = 3\n"));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, "config.invalid");
  EXPECT_NE(config.error().message.find("extract.workerz"), std::string::npos);
  EXPECT_EQ(config.error().where, m_path);
}

TEST_F(ConfigTest, WrongTypeIsNamed) {
  auto config = Config::load(with_file("[limits]\nmax_pages = \"many\"\n"));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("limits.max_pages"), std::string::npos);
  EXPECT_NE(config.error().message.find("integer"), std::string::npos);
}

TEST_F(ConfigTest, OutOfRangeIsNamed) {
  auto config = Config::load(with_file("[extract]\nocr_dpi = 5\n"));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("extract.ocr_dpi"), std::string::npos);
  EXPECT_NE(config.error().message.find("between"), std::string::npos);
}

TEST_F(ConfigTest, NotOneOfTheAllowedValues) {
  auto config = Config::load(with_file("[log]\nlevel = \"loud\"\n"));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("log.level"), std::string::npos);
  EXPECT_NE(config.error().message.find("debug"), std::string::npos);
}

TEST_F(ConfigTest, SyntaxErrorGivesLine) {
  auto config = Config::load(with_file("[extract\nworkers = 3\n"));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("line 1"), std::string::npos);
}

TEST_F(ConfigTest, BadEnvironmentValueIsNamed) {
  Sources sources;
  sources.environment = {{"NASKAH_EXTRACT_DESKEW", "perhaps"}};
  auto config = Config::load(sources);
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("extract.deskew"), std::string::npos);
  EXPECT_EQ(config.error().where, "NASKAH_EXTRACT_DESKEW");
}

TEST_F(ConfigTest, BooleanSpellingsFromEnvironment) {
  for (const auto& [text, expected] : std::vector<std::pair<std::string, bool>>{
           {"true", true}, {"0", false}, {"off", false}, {"yes", true}}) {
    Sources sources;
    sources.environment = {{"NASKAH_EXTRACT_ORIENTATION", text}};
    auto config = Config::load(sources);
    ASSERT_TRUE(config) << text;
    EXPECT_EQ(config->settings().extract.orientation, expected) << text;
  }
}

TEST(ConfigNames, EnvironmentNames) {
  EXPECT_EQ(environment_name("limits.max_pages"), "NASKAH_LIMITS_MAX_PAGES");
  EXPECT_EQ(environment_name("data_dir"), "NASKAH_DATA_DIR");
}

TEST(ConfigExample, TheDocumentedExampleLoadsAndNamesEveryKey) {
  const std::string path = std::string(NASKAH_SOURCE_DIR) + "/config/naskah.example.toml";
  Sources sources;
  sources.file = path;
  auto config = Config::load(sources);
  ASSERT_TRUE(config) << config.error().message;
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& entry : config->entries()) {
    const std::string leaf = entry.key.substr(entry.key.rfind('.') + 1);
    const bool table = entry.key == "fetch.source" || entry.key == "remind.recipient";
    const std::string written = table ? "[[" + entry.key + "]]" : leaf + " =";
    EXPECT_NE(text.find(written), std::string::npos) << entry.key << " is not documented";
  }
}

TEST(ConfigRemind, RecipientsByEmailOrWebhookForSomeOfficesOrAll) {
  const std::string path = ::testing::TempDir() + "/remind.toml";
  std::ofstream(path)
      << "[remind]\ndays = [60, 14]\n"
         "[[remind.recipient]]\nemail = \"pusat@example.go.id\"\n"
         "[[remind.recipient]]\nname = \"Bali\"\nwebhook = \"https://h.example/x\"\n"
         "office = [\"Kanwil Bali\", \"Kanwil NTB\"]\n";
  Sources sources;
  sources.file = path;
  auto config = Config::load(sources);
  ASSERT_TRUE(config) << config.error().message;
  const auto& r = config->settings().remind;
  EXPECT_EQ(r.days, (std::vector<std::string>{"60", "14"}));
  ASSERT_EQ(r.recipients.size(), 2U);
  EXPECT_EQ(r.recipients[0].email, "pusat@example.go.id");
  EXPECT_TRUE(r.recipients[0].offices.empty());
  EXPECT_EQ(r.recipients[1].offices, (std::vector<std::string>{"Kanwil Bali", "Kanwil NTB"}));
  for (const char* bad :
       {"email = \"a@b\"\nwebhook = \"https://x\"\n",  // both
        "name = \"nobody\"\n",                         // neither
        "email = \"a@b\\r\\nBcc: c@d\"\n",             // a header in the address
        "webhook = \"file:///etc/passwd\"\n", "email = \"x@y\"\ncc = \"z@w\"\n",
        // one address twice would get every reminder twice
        "email = \"x@y\"\noffice = \"A\"\n[[remind.recipient]]\nemail = \"x@y\"\n"}) {
    std::ofstream(path) << "[[remind.recipient]]\n" << bad;
    auto refused = Config::load(sources);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, "config.invalid");
  }
}

TEST(ConfigLists, InboxesFromTheFileAndFromTheEnvironment) {
  const std::string path = ::testing::TempDir() + "/lists.toml";
  std::ofstream(path) << "[watch]\ninboxes = [\"/srv/masuk\", \"/mnt/kanwil\"]\n"
                         "[[fetch.source]]\nurl = \"https://a.example/x.pdf\"\nevery_minutes = 5\n"
                         "[[fetch.source]]\nurl = \"http://b.example/y.pdf\"\n";
  Sources sources;
  sources.file = path;
  auto config = Config::load(sources);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->settings().watch.inboxes,
            (std::vector<std::string>{"/srv/masuk", "/mnt/kanwil"}));
  ASSERT_EQ(config->settings().fetch.sources.size(), 2u);
  EXPECT_EQ(config->settings().fetch.sources[0].every_minutes, 5);
  EXPECT_EQ(config->settings().fetch.sources[1].every_minutes, 60);
  sources.environment["NASKAH_WATCH_INBOXES"] = "/a:/b";
  config = Config::load(sources);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->settings().watch.inboxes, (std::vector<std::string>{"/a", "/b"}));
}

TEST(ConfigLists, ShardsAreSeparatedByCommasInTheEnvironment) {
  Sources sources;
  // Remote shards hold colons: the list's separator there is a comma.
  sources.environment["NASKAH_INDEX_SHARDS"] = "/srv/index,tcp://10.0.0.7:33333";
  auto config = Config::load(sources);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->settings().index.shards,
            (std::vector<std::string>{"/srv/index", "tcp://10.0.0.7:33333"}));
  EXPECT_EQ(config->settings().index.shard_retry_seconds, 10);
}

TEST(ConfigLists, AFetchSourceMustBeHttpOrHttps) {
  const std::string path = ::testing::TempDir() + "/file-source.toml";
  std::ofstream(path) << "[[fetch.source]]\nurl = \"file:///etc/passwd\"\n";
  Sources sources;
  sources.file = path;
  auto config = Config::load(sources);
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("fetch.source.url"), std::string::npos);
}

}  // namespace
}  // namespace naskah::config
