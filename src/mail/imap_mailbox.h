// An IMAP mailbox the group's mail arrives in (libcurl): `conduct mail poll` and the
// server's poll job take every message not yet deleted and not flagged, hand each to
// the intake, and delete it from the mailbox once the intake has sealed it. Taking
// every undeleted message rather than only unseen ones is what makes a poll killed at
// any moment lose nothing: a message fetched (and so seen) but not yet sealed is taken
// again by the next poll, and one sealed but not yet deleted is received already and
// only deleted then. A message the intake refuses for good is flagged and left there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mail/curl_session.h"

namespace conduct::mail {

class ImapMailbox {
 public:
  // `settings.url` names the server and the mailbox: imap://host:port/INBOX. One
  // connection serves a whole poll: libcurl keeps it open from one command to the next
  // (and opens a new one when the server dropped it).
  explicit ImapMailbox(ServerSettings settings) : settings_(std::move(settings)) {}

  // The UIDs of the messages neither deleted nor flagged, lowest first.
  Result<std::vector<std::uint64_t>> waiting();
  // One message's bytes (which marks it seen), at most `limit` + 1 bytes read: a larger
  // message comes back cut, so the caller can tell it is too large.
  Result<std::string> fetch(std::uint64_t uid, std::size_t limit);
  // Deletes the message for good (\Deleted, then EXPUNGE).
  Status remove(std::uint64_t uid);
  // Removes for good what an earlier poll marked \Deleted but was stopped before
  // expunging (EXPUNGE).
  Status expunge();
  // Flags the message (\Flagged), so polls leave it alone for a person to look at.
  Status set_aside(std::uint64_t uid);

 private:
  Status command(const std::string& text, std::string* answer = nullptr);
  // The handle for `url`, reused: its options are set afresh each time.
  Result<CURL*> handle_for(const std::string& url);
  ServerSettings settings_;
  CurlHandle handle_;
};

// The UIDs in an untagged SEARCH answer ("* SEARCH 3 7 12").
std::vector<std::uint64_t> parse_search_answer(const std::string& answer);

}  // namespace conduct::mail
