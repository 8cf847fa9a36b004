// Human-readable output of the CLI.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "app/people.h"
#include "domain/case.h"
#include "domain/member.h"

namespace conduct::cli {

void print_member_table(std::ostream& out, const std::vector<domain::Member>& members);
void print_case_table(std::ostream& out, const std::vector<domain::Case>& cases);
// `authors` maps member ids to display names for the timeline.
void print_case_record(std::ostream& out, const domain::CaseRecord& record,
                       const std::map<std::int64_t, std::string>& authors);
void print_person_table(std::ostream& out, const std::vector<store::PersonRow>& people);
void print_person(std::ostream& out, const app::PersonView& view);
// Every line of a multi-line text, indented.
void print_indented(std::ostream& out, const std::string& text, const std::string& indent);

}  // namespace conduct::cli
