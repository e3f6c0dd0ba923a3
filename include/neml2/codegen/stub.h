// The stub input file neml2-compile writes next to an artifact.
#pragma once

#include <string>

namespace neml2::codegen
{
/**
 * The text of `input_file` with the block of [Models/<model>] replaced by
 *   type = AOTIModel
 *   artifact_path = '<artifact_path>'
 * and everything else copied byte for byte. When the block cannot be spliced (it came from an
 * !include'd file), the whole tree is rendered instead (comments are then lost).
 */
std::string make_stub(const std::string & input_file, const std::string & model, const std::string & artifact_path);
} // namespace neml2::codegen
