// Access decided by index against the policy, for random worlds: what the store's
// indexed queries say a member may list (list_visible_cases, list_visible_people) must
// equal what the policy function says, case by case -- decide_access(ListCases) on
// relation_of over every recorded fact. Each world draws members of every role and
// status, terms that ended, cases opened before and after members joined, and every
// relation (exclusions of chairs included, so some cases are routed to the board;
// screenings approved or not; oversight grants approved or not, expired or not), and
// cases held in escrow among them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "crypto/sealer.h"
#include "domain/access.h"
#include "domain/case_criteria.h"
#include "domain/conflicts.h"
#include "domain/visibility.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store {
namespace {

using domain::Role;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kDay = 86'400;

class World {
 public:
  explicit World(std::uint32_t seed) : random_(seed) {
    store_ = sqlite::SqliteStore::open(":memory:", sealer_).value();
    CommunityRow community;
    community.community.slug = "world";
    community.community.name = "World";
    community.community.contact_email = "conduct@world.example";
    community.policy_source = "";
    community_id_ = store_->insert_community(community).value();
    // A second community whose cases must never show up.
    community.community.slug = "elsewhere";
    other_community_id_ = store_->insert_community(community).value();
    add_members();
    add_cases();
    add_relations();
  }

  Store& store() { return *store_; }
  std::int64_t community() const { return community_id_; }
  const std::vector<domain::Member>& members() const { return members_; }
  const std::vector<domain::Case>& cases() const { return cases_; }
  Timestamp now() const { return Timestamp{kNow}; }

  // The policy's answer: every case the member may list, newest first.
  std::vector<std::string> listed_by_policy(const domain::Member& member, const domain::CaseCriteria& criteria,
                                            std::optional<domain::CaseState> state) {
    const domain::AccessFacts facts = store_->load_access_facts(community_id_).value();
    std::vector<domain::Case> allowed;
    for (const domain::Case& summary : cases_) {
      const domain::CaseRelation relation = domain::relation_of(member, summary, facts, members_, now());
      if (!domain::decide_access(member, domain::Action::ListCases, relation, date_of(now())).allowed) continue;
      if (!domain::meets(summary, criteria) || (state && summary.state != *state)) continue;
      allowed.push_back(summary);
    }
    std::sort(allowed.begin(), allowed.end(), [](const domain::Case& a, const domain::Case& b) {
      return a.opened_at.seconds != b.opened_at.seconds ? a.opened_at.seconds > b.opened_at.seconds : a.id > b.id;
    });
    std::vector<std::string> names;
    for (const domain::Case& summary : allowed) names.push_back(summary.code_name);
    return names;
  }

  std::mt19937& random() { return random_; }
  int draw(int below) { return std::uniform_int_distribution<int>(0, below - 1)(random_); }
  bool chance(int percent) { return draw(100) < percent; }

 private:
  void add_members() {
    const Role roles[] = {Role::Member,  Role::Member,      Role::Chair,   Role::ViceChair,
                          Role::Adviser, Role::BoardMember, Role::Liaison, Role::LocalRepresentative};
    const int count = 4 + draw(6);
    for (int i = 0; i < count; ++i) {
      domain::Member member;
      member.community_id = community_id_;
      member.email = "m" + std::to_string(i) + "@world.example";
      member.display_name = "Member " + std::to_string(i);
      member.role = i == 0 ? Role::Chair : roles[draw(8)];
      member.term_start = Date{static_cast<std::int32_t>(kNow / kDay - 400)};
      if (chance(80)) member.term_end = Date{static_cast<std::int32_t>(kNow / kDay + (chance(85) ? 30 : -3))};
      member.status = chance(90) ? domain::MemberStatus::Active : domain::MemberStatus::Former;
      member.joined_at = Timestamp{kNow - (1 + draw(100)) * kDay};
      member.id = store_->insert_member(member).value();
      members_.push_back(member);
    }
  }

  void add_cases() {
    const domain::CaseState states[] = {domain::CaseState::Received, domain::CaseState::Investigating,
                                        domain::CaseState::Resolved};
    const int count = 10 + draw(30);
    for (int i = 0; i < count; ++i) {
      domain::Case summary;
      summary.community_id = community_id_;
      summary.code_name = "case " + std::to_string(i);
      summary.state = states[draw(3)];
      // Some cases share an opening second, so the order by id is tested too.
      summary.opened_at = Timestamp{kNow - (1 + draw(60)) * kDay * 2 + (chance(20) ? 0 : draw(1000))};
      summary.updated_at = summary.opened_at;
      summary.space_key = chance(50) ? "chat" : "forum";
      summary.ongoing = chance(30);
      if (chance(50)) summary.categories.push_back(domain::ViolationCategory::Harassment);
      summary.escrowed = chance(15);  // held in escrow: listed to nobody, whatever the relations
      summary.id = store_->insert_case(summary).value();
      cases_.push_back(summary);
    }
    domain::Case elsewhere;
    elsewhere.community_id = other_community_id_;
    elsewhere.code_name = "elsewhere";
    elsewhere.opened_at = Timestamp{kNow - kDay};
    elsewhere.updated_at = elsewhere.opened_at;
    ASSERT_TRUE(store_->insert_case(elsewhere).ok());
  }

  void add_relations() {
    for (const domain::Case& summary : cases_) {
      const Timestamp at{summary.opened_at.seconds + 60};
      for (const domain::Member& member : members_) {
        // Chairs are excluded more often, so that some cases exclude every chair.
        const int exclusion_chance = domain::is_chair_role(member.role) ? 35 : 12;
        if (chance(exclusion_chance)) {
          ASSERT_TRUE(
              store_->insert_exclusion(summary, {summary.id, member.id, domain::ExclusionReason::Declared, at, ""})
                  .ok());
        } else if (chance(8)) {
          ASSERT_TRUE(store_->insert_possible_conflict({summary.id, member.id, at}).ok());
        }
        if (chance(25)) {
          domain::Screening screening{summary.id, member.id, at, std::nullopt, std::nullopt};
          if (chance(60)) {
            screening.approved_by = members_.front().id;
            screening.approved_at = at;
          }
          ASSERT_TRUE(store_->insert_screening(screening).ok());
        }
        if (chance(20)) ASSERT_TRUE(store_->insert_invitation({summary.id, member.id, members_.front().id, at}).ok());
        if (chance(20)) {
          domain::OversightGrant grant;
          grant.case_id = summary.id;
          grant.member_id = member.id;
          grant.requested_at = Timestamp{kNow - draw(20) * kDay};
          grant.days = 1 + draw(14);
          if (chance(70)) {
            grant.approved_by = members_.front().id;
            grant.approved_at = Timestamp{grant.requested_at.seconds + draw(3) * kDay};
          }
          ASSERT_TRUE(store_->insert_oversight_grant(summary, grant).ok());
        }
      }
    }
  }

  crypto::PassThroughSealer sealer_;
  std::mt19937 random_;
  std::unique_ptr<sqlite::SqliteStore> store_;
  std::int64_t community_id_ = 0;
  std::int64_t other_community_id_ = 0;
  std::vector<domain::Member> members_;
  std::vector<domain::Case> cases_;
};

std::vector<std::string> names_of(const std::vector<domain::Case>& cases) {
  std::vector<std::string> names;
  for (const domain::Case& summary : cases) names.push_back(summary.code_name);
  return names;
}

constexpr int kWorlds = 150;

TEST(VisibilityProperty, TheIndexListsExactlyWhatThePolicyAllowsCaseByCase) {
  int members_checked = 0, cases_judged = 0, visible = 0, hidden = 0;
  std::map<domain::ListingReach, int> visible_by_reach;
  for (int seed = 1; seed <= kWorlds; ++seed) {
    World world(static_cast<std::uint32_t>(seed));
    for (const domain::Member& member : world.members()) {
      SCOPED_TRACE("world " + std::to_string(seed) + ", " + member.email + " (" +
                   std::string(domain::to_string(member.role)) + ")");
      const domain::CaseListing listing = domain::case_listing_for(member, world.members(), world.now());
      const std::vector<std::string> expected = world.listed_by_policy(member, {}, std::nullopt);
      const auto listed = world.store().list_visible_cases(world.community(), listing, every_case(), {});
      ASSERT_TRUE(listed.ok()) << listed.error().message;
      EXPECT_EQ(names_of(*listed), expected);
      ++members_checked;
      cases_judged += static_cast<int>(world.cases().size());
      visible += static_cast<int>(expected.size());
      visible_by_reach[listing.reach] += static_cast<int>(expected.size());
      hidden += static_cast<int>(world.cases().size() - expected.size());
    }
  }
  // The worlds must exercise both answers a lot, or the comparison says little.
  EXPECT_GT(visible, 3'000);
  EXPECT_GT(hidden, 3'000);
  // Each way a case can reach a member is exercised (board: grants and routing).
  EXPECT_GT(visible_by_reach[domain::ListingReach::GroupCases], 1'000);
  EXPECT_GT(visible_by_reach[domain::ListingReach::InvitedCases], 100);
  EXPECT_GT(visible_by_reach[domain::ListingReach::OverseenCases], 100);
  std::cout << "visibility: " << kWorlds << " worlds, " << members_checked << " members, " << cases_judged
            << " cases judged, " << visible << " visible, " << hidden << " hidden\n";
}

TEST(VisibilityProperty, FiltersAndPagesAgreeWithThePolicyAndThePlainColumnRules) {
  for (int seed = 1000; seed < 1000 + kWorlds / 3; ++seed) {
    World world(static_cast<std::uint32_t>(seed));
    for (const domain::Member& member : world.members()) {
      SCOPED_TRACE("world " + std::to_string(seed) + ", " + member.email);
      const domain::CaseListing listing = domain::case_listing_for(member, world.members(), world.now());
      domain::CaseCriteria criteria;
      if (world.chance(50)) criteria.category = domain::ViolationCategory::Harassment;
      if (world.chance(50)) criteria.space_key = "chat";
      criteria.ongoing_only = world.chance(30);
      criteria.open_only = world.chance(30);
      if (world.chance(40)) criteria.opened_from = date_of(Timestamp{kNow - 60 * kDay});
      if (world.chance(40)) criteria.opened_to = date_of(Timestamp{kNow - 20 * kDay});
      std::optional<domain::CaseState> state;
      if (world.chance(40)) state = domain::CaseState::Received;
      const std::vector<std::string> expected = world.listed_by_policy(member, criteria, state);

      // Page by page, three at a time: the pages joined are the whole answer.
      std::vector<std::string> paged;
      CaseFilter filter;
      filter.state = state;
      filter.limit = 3;
      for (filter.offset = 0; filter.offset <= expected.size() + 3; filter.offset += 3) {
        const auto page = world.store().list_visible_cases(world.community(), listing, filter, criteria);
        ASSERT_TRUE(page.ok()) << page.error().message;
        EXPECT_LE(page->size(), 3u);
        for (const std::string& name : names_of(*page)) paged.push_back(name);
      }
      EXPECT_EQ(paged, expected);
    }
  }
}

TEST(VisibilityProperty, PersonRecordsCountOnlyTheCasesTheMemberMayList) {
  for (int seed = 2000; seed < 2000 + kWorlds / 3; ++seed) {
    World world(static_cast<std::uint32_t>(seed));
    // Three person records, each reported in some cases.
    std::vector<std::int64_t> people;
    std::map<std::int64_t, std::set<std::int64_t>> cases_of;
    for (int p = 0; p < 3; ++p) {
      domain::Person person;
      person.community_id = world.community();
      person.code_name = "Person " + std::to_string(p);
      person.created_at = Timestamp{kNow};
      people.push_back(world.store().insert_person(person).value());
    }
    int number = 1;
    for (const domain::Case& summary : world.cases()) {
      for (const std::int64_t person : people) {
        if (!world.chance(30)) continue;
        domain::Party party;
        party.number = number++;
        party.role = domain::PartyRole::ReportedPerson;
        party.person_id = person;
        ASSERT_TRUE(world.store().insert_party(summary, party, {}).ok());
        cases_of[person].insert(summary.id);
      }
    }
    const domain::AccessFacts facts = world.store().load_access_facts(world.community()).value();
    for (const domain::Member& member : world.members()) {
      SCOPED_TRACE("world " + std::to_string(seed) + ", " + member.email);
      std::map<std::string, int> expected;
      for (std::size_t p = 0; p < people.size(); ++p) {
        int count = 0;
        for (const domain::Case& summary : world.cases()) {
          if (!cases_of[people[p]].count(summary.id)) continue;
          const domain::CaseRelation relation =
              domain::relation_of(member, summary, facts, world.members(), world.now());
          if (domain::decide_access(member, domain::Action::ListCases, relation, date_of(world.now())).allowed) ++count;
        }
        if (count > 0) expected["Person " + std::to_string(p)] = count;
      }
      const domain::CaseListing listing = domain::case_listing_for(member, world.members(), world.now());
      const auto listed = world.store().list_visible_people(world.community(), listing, 100, 0);
      ASSERT_TRUE(listed.ok()) << listed.error().message;
      std::map<std::string, int> got;
      for (const PersonRow& row : *listed) got[row.person.code_name] = row.case_count;
      EXPECT_EQ(got, expected);
    }
  }
}

}  // namespace
}  // namespace conduct::store
