#include "mail/directory_transport.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace conduct::mail {
namespace {

namespace fs = std::filesystem;

constexpr char kMessage[] =
    "From: conduct@tidewater.example\r\nTo: noor@example.net\r\nSubject: Hello\r\n\r\nHello =C3=A9\r\n";

class DirectoryTransportTest : public ::testing::Test {
 protected:
  DirectoryTransportTest() {
    std::string pattern = (fs::temp_directory_path() / "conduct-outbox-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    base_ = pattern;
  }
  ~DirectoryTransportTest() override {
    std::error_code ignored;
    fs::remove_all(base_, ignored);
  }

  static std::string read(const fs::path& file) {
    std::ifstream stream(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << stream.rdbuf();
    return bytes.str();
  }

  static std::vector<std::string> names_in(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path base_;
};

TEST_F(DirectoryTransportTest, WritesTheMessageBytesToItsOwnFile) {
  const fs::path outbox = base_ / "outbox" / "new";  // made when missing
  DirectoryTransport transport(outbox.string());
  const Status delivered = transport.deliver("0a1b2c@tidewater.example", {"noor@example.net"}, kMessage);
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  EXPECT_EQ(names_in(outbox), std::vector<std::string>{"0a1b2c_tidewater.example.eml"});
  EXPECT_EQ(read(outbox / "0a1b2c_tidewater.example.eml"), kMessage);
}

TEST_F(DirectoryTransportTest, DeliveringTwiceLeavesOneFile) {
  DirectoryTransport transport(base_.string());
  ASSERT_TRUE(transport.deliver("same@tidewater.example", {"noor@example.net"}, kMessage).ok());
  ASSERT_TRUE(transport.deliver("same@tidewater.example", {"noor@example.net"}, kMessage).ok());
  EXPECT_EQ(names_in(base_), std::vector<std::string>{"same_tidewater.example.eml"});
  EXPECT_EQ(read(base_ / "same_tidewater.example.eml"), kMessage);
  ASSERT_TRUE(transport.deliver("other@tidewater.example", {"sam@example.org"}, "second").ok());
  EXPECT_EQ(names_in(base_), (std::vector<std::string>{"other_tidewater.example.eml", "same_tidewater.example.eml"}));
}

TEST_F(DirectoryTransportTest, OnlyTheOwnerMayReadAFile) {
  DirectoryTransport transport(base_.string());
  ASSERT_TRUE(transport.deliver("private@tidewater.example", {"noor@example.net"}, kMessage).ok());
  struct stat status {};
  ASSERT_EQ(::stat((base_ / "private_tidewater.example.eml").c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
}

TEST_F(DirectoryTransportTest, AMessageIdCannotNameAFileOutsideTheOutbox) {
  EXPECT_EQ(outbox_file_name("../../etc/passwd"), ".._.._etc_passwd.eml");
  EXPECT_EQ(outbox_file_name("a b<c>@d/e\\f"), "a_b_c__d_e_f.eml");
  EXPECT_EQ(outbox_file_name("Abc-1.2_3"), "Abc-1.2_3.eml");
  const fs::path outbox = base_ / "outbox";
  DirectoryTransport transport(outbox.string());
  ASSERT_TRUE(transport.deliver("../escaped", {"noor@example.net"}, kMessage).ok());
  EXPECT_EQ(names_in(outbox), std::vector<std::string>{".._escaped.eml"});
  EXPECT_FALSE(fs::exists(base_ / "escaped.eml"));
}

TEST_F(DirectoryTransportTest, AnOutboxThatCannotBeMadeIsUnavailable) {
  const fs::path regular_file = base_ / "not-a-directory";
  std::ofstream(regular_file) << "x";
  DirectoryTransport transport((regular_file / "outbox").string());
  const Status delivered = transport.deliver("lost@tidewater.example", {"noor@example.net"}, kMessage);
  ASSERT_FALSE(delivered.ok());
  EXPECT_EQ(delivered.error().code, ErrorCode::Unavailable);
  // The error names no recipient and no content.
  EXPECT_EQ(delivered.error().message.find("noor@example.net"), std::string::npos);
  EXPECT_EQ(delivered.error().message.find("Hello"), std::string::npos);
}

}  // namespace
}  // namespace conduct::mail
