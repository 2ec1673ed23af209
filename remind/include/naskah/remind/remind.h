// Reminders before agreements end (`naskah remind`, run daily by naskah-remind.timer): one
// digest per recipient, in Indonesian with links, of what ends within the configured windows
// (e.g. 90, 30 and 7 days, by the period after the addenda) and what ended since the last
// run, sent by e-mail over SMTP or POSTed as JSON to a webhook.
//
// Each reminder goes once: what was sent to whom is kept in DATA/remind/state.json (written
// atomically, after each recipient's send), keyed by the agreement, its end date and the
// window, so an extension that moves the end brings new reminders. A send that fails is not
// recorded, so the next run sends it again. One run at a time (a lock in DATA/remind).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/core/record.h"
#include "naskah/search/report.h"

namespace naskah {
class AuditLog;
}

namespace naskah::remind {

struct Recipient {
  std::string name;   // as greeted; empty = the address
  std::string email;  // one of email and webhook
  std::string webhook;
  std::vector<std::string> offices;  // empty = every agreement (the centre)

  // The name the state, the log and the audit file it under: "mailto:a@b", or for a webhook
  // (whose URL often holds a secret token) its scheme and host and a hash of the whole URL:
  // "https://chat.example.go.id/… #3f2a9c41d07e".
  [[nodiscard]] std::string channel() const;
};

struct Smtp {
  std::string url;       // smtp://host:587, smtps://host:465
  bool starttls = true;  // require STARTTLS on smtp:// (refuse a server without it)
  std::string user;      // empty = no login
  std::string password;
  std::string from;
};

struct Options {
  std::vector<int> windows = {90, 30, 7};
  std::string base_url = "http://127.0.0.1:8080";
  Smtp smtp;
  std::string ca_file;  // for SMTP and webhooks; empty = the system's
  int timeout_seconds = 60;
  std::vector<Recipient> recipients;
  std::string state_dir;  // DATA/remind
  std::string today;      // YYYY-MM-DD; empty = the system clock
  bool dry_run = false;   // compose and show, send nothing, record nothing
  // What ended this many days before a recipient's first run is still worth telling.
  int first_run_lookback_days = 30;
};

// One agreement in a digest.
struct Item {
  AgreementRecord record;  // text cleared
  std::string end;         // the end after the addenda
  int days = 0;            // days left (ending) or since it ended (ended)
  int window = 0;          // the window it is due in; 0 for an ended one
};

struct Digest {
  Recipient recipient;
  std::vector<Item> ending;     // soonest first
  std::vector<Item> ended;      // most recent first
  std::string subject;          // Indonesian
  std::string text;             // the e-mail's body, Indonesian, with links
  nlohmann::ordered_json json;  // the webhook's body ("naskah.reminder/1")
};

// What was sent to whom, as DATA/remind/state.json holds it.
struct State {
  nlohmann::json sent = nlohmann::json::object();      // channel -> {key: date sent}
  nlohmann::json last_run = nlohmann::json::object();  // channel -> date of the last send
};

// The key of one reminder: "<id>|<end>|<window>" ("ended" for window 0).
[[nodiscard]] std::string reminder_key(const Item& item);

// The digests due to each recipient on options.today, from `report` (made with the largest
// window as its days), leaving out what `state` says was sent. Recipients with nothing due
// get none.
[[nodiscard]] std::vector<Digest> plan(const search::Report& report, const State& state,
                                       const Options& options);

// Subject, text and JSON of a digest whose items are set.
void compose(Digest& digest, const Options& options);

// What happened to one recipient's digest.
struct Outcome {
  std::string channel;
  std::size_t ending = 0;
  std::size_t ended = 0;
  bool sent = false;           // false in a dry run or on failure
  std::optional<Error> error;  // remind.send-failed, with the server's answer
};

// Plans, sends and records (or, dry, only plans): reads the index through `searcher`, the
// state from options.state_dir, and appends each send to `audit` when given. Fails with
// remind.busy when another run holds the lock, and io.* when the state cannot be kept; a
// recipient that cannot be reached is an Outcome with an error, not a failure of the run.
[[nodiscard]] Result<std::vector<Outcome>> run(search::Searcher& searcher, const Options& options,
                                               AuditLog* audit,
                                               std::vector<Digest>* digests = nullptr);

// Sending, one channel each (send.cc): remind.send-failed with the reason on failure.
[[nodiscard]] Result<void> send_email(const Smtp& smtp, const std::string& ca_file,
                                      int timeout_seconds, const std::string& to,
                                      const std::string& subject, const std::string& text);
[[nodiscard]] Result<void> send_webhook(const std::string& url, const std::string& ca_file,
                                        int timeout_seconds, const std::string& json);

}  // namespace naskah::remind
