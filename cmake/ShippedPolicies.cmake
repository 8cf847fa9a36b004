# Compiles the shipped policy files (policies/*.toml) into the program:
# conduct_shipped_policies(POLICY_DIR TEMPLATE OUTPUT) writes OUTPUT from TEMPLATE
# (src/app/shipped_policies.cpp.in), each file as a raw string named after it. Used by
# src/app and by the separate fuzz build, so both ship the same policies.
function(conduct_shipped_policies policy_dir template output)
  file(GLOB policy_files CONFIGURE_DEPENDS ${policy_dir}/*.toml)
  list(SORT policy_files)
  # Re-generate when a policy file's text changes, not only when files come and go.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${policy_files})
  set(CONDUCT_POLICY_ENTRIES "")
  set(CONDUCT_POLICY_COUNT 0)
  foreach(policy_file ${policy_files})
    get_filename_component(policy_name ${policy_file} NAME_WE)
    file(READ ${policy_file} policy_text)
    string(APPEND CONDUCT_POLICY_ENTRIES "    {\"${policy_name}\", R\"conduct_toml(${policy_text})conduct_toml\"},\n")
    math(EXPR CONDUCT_POLICY_COUNT "${CONDUCT_POLICY_COUNT} + 1")
  endforeach()
  configure_file(${template} ${output} @ONLY)
endfunction()
