#include <gtest/gtest.h>

#include "naskah/remind/remind.h"
#include "sample_records.h"

namespace naskah::remind {
namespace {

search::ReportRow row(const std::string& key, const std::string& end, const std::string& office) {
  search::ReportRow r;
  r.record = test::make_record(key, "pks", "Penyuluhan Hukum " + key, {"Kanwil", "Universitas"},
                               {"W8-HN.04.01-" + key}, "2024-01-02", end);
  r.record.text.clear();
  if (!office.empty()) r.record.office = office;
  return r;
}

Options options_for(std::vector<Recipient> recipients) {
  Options o;
  o.windows = {90, 30, 7};
  o.base_url = "https://naskah.example/";
  o.recipients = std::move(recipients);
  o.today = "2026-12-03";
  return o;
}

search::Report report() {
  search::Report r;
  r.today = "2026-12-03";
  r.days = 90;
  r.expiring = {row("soon", "2026-12-23", "Kanwil Lampung"),
                row("later", "2027-02-20", "Kanwil Bali"),
                row("week", "2026-12-08", "kanwil  lampung")};
  r.expired = {row("ended", "2026-11-29", "Kanwil Lampung"),
               row("old", "2020-03-05", "Kanwil Bali")};
  return r;
}

const Recipient k_centre{"Pusat", "pusat@example.go.id", "", {}};
const Recipient k_lampung{"Kanwil Lampung", "lampung@example.go.id", "", {"Kanwil Lampung"}};

TEST(RemindPlan, EachItemInItsNarrowestWindowAndWhatEndedLately) {
  const auto digests = plan(report(), State{}, options_for({k_centre}));
  ASSERT_EQ(digests.size(), 1U);
  const Digest& d = digests[0];
  ASSERT_EQ(d.ending.size(), 3U);
  EXPECT_EQ(d.ending[0].days, 5);  // soonest first
  EXPECT_EQ(d.ending[0].window, 7);
  EXPECT_EQ(d.ending[1].days, 20);
  EXPECT_EQ(d.ending[1].window, 30);
  EXPECT_EQ(d.ending[2].days, 79);
  EXPECT_EQ(d.ending[2].window, 90);
  ASSERT_EQ(d.ended.size(), 1U) << "2020's end is before the first run's look back";
  EXPECT_EQ(d.ended[0].days, 4);
  EXPECT_EQ(reminder_key(d.ended[0]), d.ended[0].record.sha256 + "|2026-11-29|ended");
  EXPECT_EQ(reminder_key(d.ending[1]), d.ending[1].record.sha256 + "|2026-12-23|30");
}

TEST(RemindPlan, AnOfficeGetsItsOwnAgreementsOnly) {
  const auto digests = plan(report(), State{}, options_for({k_lampung}));
  ASSERT_EQ(digests.size(), 1U);
  EXPECT_EQ(digests[0].ending.size(), 2U);  // "kanwil  lampung" is the same office
  EXPECT_EQ(digests[0].ended.size(), 1U);
  const Recipient bali{"", "", "https://hooks.example/bali", {"Kanwil Sumatera Utara"}};
  EXPECT_TRUE(plan(report(), State{}, options_for({bali})).empty()) << "nothing due: no digest";
}

TEST(RemindPlan, WhatWasSentIsNotSentAgainButANewWindowOrEndIs) {
  const auto first = plan(report(), State{}, options_for({k_lampung}));
  State state;
  for (const auto* list : {&first[0].ending, &first[0].ended}) {
    for (const Item& item : *list)
      state.sent[k_lampung.channel()][reminder_key(item)] = "2026-12-03";
  }
  state.last_run[k_lampung.channel()] = "2026-12-03";
  EXPECT_TRUE(plan(report(), state, options_for({k_lampung})).empty());
  // Two weeks on, the 20-day one is in its 7-day window.
  auto later = report();
  later.expired.clear();
  auto o = options_for({k_lampung});
  o.today = "2026-12-17";
  const auto next = plan(later, state, o);
  ASSERT_EQ(next.size(), 1U);
  ASSERT_EQ(next[0].ending.size(), 1U);
  EXPECT_EQ(next[0].ending[0].window, 7);
  // An addendum moved an end: a new end date is a new reminder.
  auto moved = report();
  moved.expiring[0].record.effective_end_date = "2026-12-24";
  const auto again = plan(moved, state, options_for({k_lampung}));
  ASSERT_EQ(again.size(), 1U);
  EXPECT_EQ(again[0].ending[0].end, "2026-12-24");
}

TEST(RemindPlan, NotAgreementsAndCopiesAreLeftOut) {
  auto r = report();
  r.expiring[0].record.not_agreement = true;
  r.expiring[1].record.duplicate_of = std::string(64, 'a');
  r.expiring[2].record.doc_type = "other";
  r.expired.clear();
  EXPECT_TRUE(plan(r, State{}, options_for({k_centre})).empty());
}

TEST(RemindCompose, IndonesianTextWithLinksAndAJsonBody) {
  const auto digests = plan(report(), State{}, options_for({k_lampung}));
  const Digest& d = digests[0];
  EXPECT_EQ(d.subject, "[naskah] 2 naskah kerja sama akan berakhir, 1 telah berakhir");
  EXPECT_NE(d.text.find("Yth. Kanwil Lampung,"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("per 3 Desember 2026"), std::string::npos);
  EXPECT_NE(d.text.find("Berakhir: 8 Desember 2026 (5 hari lagi)"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("Berakhir: 29 November 2026 (4 hari yang lalu)"), std::string::npos);
  EXPECT_NE(d.text.find("https://naskah.example/agreement/" + d.ending[0].record.sha256),
            std::string::npos)
      << "one slash between the base and the path";
  EXPECT_EQ(d.json["schema"], "naskah.reminder/1");
  EXPECT_EQ(d.json["ending"][0]["days_left"], 5);
  EXPECT_EQ(d.json["ended"][0]["days_since"], 4);
  EXPECT_EQ(d.json["recipient"]["channel"], "mailto:lampung@example.go.id");
}

// An addendum ends with what it amends: the agreement is reminded of, once, not each of
// its addenda too. One without its parent in the archive is reminded of itself.
TEST(RemindPlan, AnAddendumWithItsParentIsNotRemindedOfApart) {
  auto r = report();
  r.expired.clear();
  r.expiring[1].record.doc_type = "addendum";
  r.expiring[1].record.parent = r.expiring[0].record.sha256;
  r.expiring[2].record.doc_type = "addendum";
  const auto digests = plan(r, State{}, options_for({k_centre}));
  ASSERT_EQ(digests.size(), 1U);
  EXPECT_EQ(digests[0].ending.size(), 2U);
}

// A webhook's URL often holds its token: the state, the log and the audit name it by host
// and a hash.
TEST(RemindPlan, AWebhookIsNamedWithoutItsToken) {
  const Recipient hook{"", "", "https://user:pw@chat.example.go.id/hooks/T0K3N?x=1", {}};
  const std::string channel = hook.channel();
  EXPECT_TRUE(channel.starts_with("https://chat.example.go.id/… #")) << channel;
  EXPECT_EQ(channel.find("T0K3N"), std::string::npos);
  EXPECT_EQ(channel.find("pw"), std::string::npos);
  const Recipient other{"", "", "https://chat.example.go.id/hooks/0THER", {}};
  EXPECT_NE(other.channel(), channel) << "two hooks on one host are two channels";
}

TEST(RemindSend, APasswordNeverCrossesTheNetworkInClear) {
  Smtp smtp;
  smtp.url = "smtp://mail.example.invalid:25";
  smtp.starttls = false;
  smtp.user = "naskah";
  smtp.password = "rahasia";
  smtp.from = "naskah@example.go.id";
  const auto sent = send_email(smtp, "", 5, "biro@example.go.id", "subjek", "isi");
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "remind.send-failed");
  EXPECT_NE(sent.error().message.find("in clear"), std::string::npos) << sent.error().message;
  smtp.from = "naskah@example.go.id\r\nBcc: all@example.go.id";
  smtp.starttls = true;
  EXPECT_FALSE(send_email(smtp, "", 5, "biro@example.go.id", "subjek", "isi"));
}

}  // namespace
}  // namespace naskah::remind
