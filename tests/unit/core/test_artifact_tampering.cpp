// The artifact loader trusts nothing: every metadata field and every kernel library is damaged in
// turn, with and without recomputing the hashes, and each load must end in a CompileError that
// names the artifact's file, never a crash, a hang, or a model that loads and computes wrong.
#include <sys/stat.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "neml2/artifact/metadata.h"
#include "neml2/artifact/sha256.h"
#include "neml2/runtime/aoti_model.h"
#include "neml2/runtime/artifact_loader.h"
#include "test_compile_util.h"

using namespace neml2;
using namespace neml2::test;
using nlohmann::json;

namespace
{
/// The metadata text with its self-hash recomputed, as someone editing it on purpose would.
std::string
rehashed(json j)
{
  j.erase("metadata_sha256");
  j["metadata_sha256"] = aoti::sha256_hex(j.dump());
  return j.dump(2) + "\n";
}

/// Every leaf of `j` by JSON pointer, except the self-hash.
void
leaves(const json & j, const json::json_pointer & at, std::vector<json::json_pointer> & out)
{
  if (j.is_object())
    for (const auto & [k, v] : j.items())
    {
      if (at.empty() && k == "metadata_sha256")
        continue;
      leaves(v, at / k, out);
    }
  else if (j.is_array() && !j.empty())
    for (std::size_t i = 0; i < j.size(); ++i)
      leaves(j[i], at / i, out);
  else
    out.push_back(at);
}

/// A plausible edit of one value: numbers change, strings grow, empty arrays gain a dimension.
json
edited(const json & v)
{
  if (v.is_number_integer())
    return v.get<std::int64_t>() + 1;
  if (v.is_number())
    return v.get<double>() * 1.5 + 1;
  if (v.is_string())
    return v.get<std::string>() + "x";
  if (v.is_boolean())
    return !v.get<bool>();
  if (v.is_array())
    return json::array({1});
  return 0; // null
}

/// An implicit model with a promoted parameter and derivatives: every kind of metadata field.
class ArtifactTampering : public ::testing::Test
{
protected:
  static inline std::unique_ptr<TempDir> base;
  static inline codegen::CompileResult good;
  static void SetUpTestSuite()
  {
    base = std::make_unique<TempDir>();
    good = compile_seed(base->str("aoti"), {"x:b", "x:scaling"}, {"scaling"}, Dtype::Float64, data("implicit/cubic.i"),
                        "update");
  }
  static void TearDownTestSuite() { base.reset(); }

  TempDir dir;
  fs::path copy_artifact()
  {
    const auto to = dir.path() / "update";
    fs::remove_all(to);
    fs::copy(good.artifact_dir, to, fs::copy_options::recursive);
    return to;
  }
  static fs::path meta_of(const fs::path & a) { return a / "cpu" / "update_meta.json"; }

  /// Loading `a` must throw a CompileError that names its device folder and says `says`.
  ::testing::AssertionResult refused(const fs::path & a, const std::string & says)
  {
    try
    {
      aoti::Model m(a.string());
    }
    catch (const CompileError & e)
    {
      const std::string what = e.what();
      if (what.find((a / "cpu").string()) == std::string::npos)
        return ::testing::AssertionFailure() << "the message does not name the artifact's file: " << what;
      if (what.find(says) == std::string::npos)
        return ::testing::AssertionFailure() << "the message lacks \"" << says << "\": " << what;
      return ::testing::AssertionSuccess();
    }
    catch (const std::exception & e)
    {
      return ::testing::AssertionFailure() << "not a CompileError: " << e.what();
    }
    return ::testing::AssertionFailure() << "the damaged artifact loaded";
  }
};
} // namespace

TEST_F(ArtifactTampering, TheGoodArtifactLoads)
{
  const auto a = copy_artifact();
  aoti::Model m(a.string());
  EXPECT_NEAR(m.forward({{"b", Tensor::full({}, {}, 3.0)}}).at("x").at(0), 1.0, 1e-10); // 2 x^3 + x = 3
}

TEST_F(ArtifactTampering, EachMetadataFieldEditedWithOrWithoutItsHash)
{
  const auto a = copy_artifact();
  const auto original = json::parse(read_all(meta_of(a)));
  std::vector<json::json_pointer> fields;
  leaves(original, json::json_pointer(), fields);
  ASSERT_GT(fields.size(), 50u) << "the metadata should have many fields";
  for (const auto & field : fields)
  {
    auto j = original;
    j[field] = edited(j[field]);
    auto text = j.dump(2);
    write_all(meta_of(a), text); // the stored self-hash no longer matches (checked after the schema)
    EXPECT_TRUE(refused(a, field.to_string() == "/schema_version" ? "schema version" : "tampered"))
        << field.to_string();
    write_all(meta_of(a), rehashed(j)); // deliberately re-hashed: the libraries still disagree
    EXPECT_TRUE(refused(a, "")) << field.to_string();
  }
}

TEST_F(ArtifactTampering, ShapesThatWouldOverrunBuffersAreRefused)
{
  const auto a = copy_artifact();
  const auto original = json::parse(read_all(meta_of(a)));
  auto j = original;
  j["outputs"][0]["base_shape"] = json::array({1LL << 62});
  write_all(meta_of(a), rehashed(j));
  EXPECT_TRUE(refused(a, "the base_shape of 'x' is (4611686018427387904,), not a shape neml2-compile writes"));
  j = original;
  j["derivatives"][0]["block_shape"] = json::array({3, 3});
  write_all(meta_of(a), rehashed(j));
  EXPECT_TRUE(refused(a, "does not describe the kernels library"));
  j = original;
  j["parameters"][0]["initial"].push_back(1.0);
  write_all(meta_of(a), rehashed(j));
  EXPECT_TRUE(refused(a, "parameter 'rate.cube.scaling' has 2 initial values"));
}

TEST_F(ArtifactTampering, EachLibraryDamagedWithOrWithoutItsHash)
{
  const auto original_meta = json::parse(read_all(meta_of(good.artifact_dir)));
  for (std::size_t k = 0; k < original_meta["libraries"].size(); ++k)
  {
    const std::string file = original_meta["libraries"][k]["file"];
    const auto good_bytes = read_all(fs::path(good.artifact_dir) / "cpu" / file);
    // (replacement bytes, what the refusal says once the hash is recomputed)
    std::string signature_edited = good_bytes;
    const auto sig = signature_edited.find("neml2-aoti abi=");
    ASSERT_NE(sig, std::string::npos) << file;
    signature_edited[sig + signature_edited.find("interface=", sig) - sig + 10] ^= 1; // one hex digit
    const std::vector<std::pair<std::string, std::string>> damage = {
        {good_bytes.substr(0, good_bytes.size() / 2), "(truncated?)"},
        {good_bytes.substr(0, 4096), "(truncated?)"},
        {good_bytes.substr(0, 10), "no ELF header"},
        {"", "no ELF header"},
        {std::string(good_bytes.size(), '\0'), "no ELF header"},
        {signature_edited, "was generated for"},
    };
    for (const auto & [bytes, says] : damage)
    {
      const auto a = copy_artifact();
      write_all(a / "cpu" / file, bytes);
      EXPECT_TRUE(refused(a, "does not match the SHA-256")) << file << ": " << says;
      auto j = original_meta;
      j["libraries"][k]["sha256"] = aoti::sha256_hex(bytes);
      write_all(meta_of(a), rehashed(j));
      EXPECT_TRUE(refused(a, says)) << file;
    }
  }
}

TEST_F(ArtifactTampering, LibrariesMustBeRegularFilesInTheFolder)
{
  const auto meta = json::parse(read_all(meta_of(good.artifact_dir)));
  const std::string file = meta["libraries"][0]["file"];
  {
    const auto a = copy_artifact();
    fs::remove(a / "cpu" / file);
    fs::create_directory(a / "cpu" / file);
    EXPECT_TRUE(refused(a, "is a directory, not a regular file"));
  }
  {
    // Once hashed forever: a link to /dev/zero used to make the loader read without end.
    const auto a = copy_artifact();
    fs::remove(a / "cpu" / file);
    fs::create_symlink("/dev/zero", a / "cpu" / file);
    EXPECT_TRUE(refused(a, "is a link to '/dev/zero', outside the artifact folder"));
  }
  {
    // A link to a file in the same folder (a copied tree may use links) is followed.
    const auto a = copy_artifact();
    fs::rename(a / "cpu" / file, a / "cpu" / ("real_" + file));
    fs::create_symlink("real_" + file, a / "cpu" / file);
    EXPECT_NO_THROW(aoti::Model m(a.string()));
  }
  {
    // A library outside the folder named by a path is refused even with every hash right.
    const auto a = copy_artifact();
    fs::copy_file(a / "cpu" / file, dir.path() / file);
    auto j = meta;
    j["libraries"][0]["file"] = "../../" + file;
    write_all(meta_of(a), rehashed(j));
    EXPECT_TRUE(refused(a, "which is not a file name in the artifact folder"));
  }
  {
    const auto a = copy_artifact();
    fs::remove(meta_of(a));
    fs::create_directory(meta_of(a));
    EXPECT_TRUE(refused(a, "update_meta.json' is a directory, not a regular file"));
  }
}

TEST_F(ArtifactTampering, TheCAbiRejectsInvalidArguments)
{
  const auto loaded = aoti::load_artifact(good.artifact_dir, "cpu");
  const auto forward = loaded.kernels.at("forward");
  const auto & e = *loaded.metadata.entry("forward");
  std::vector<double> b(4, 3.0), scaling(1, 2.0), x(4, -1.0);
  std::vector<const void *> args = {b.data(), scaling.data()};
  ASSERT_EQ(e.arguments.size(), args.size());
  std::vector<std::int64_t> strides = {1, 0};
  std::vector<void *> outs = {x.data()};
  ASSERT_EQ(e.outputs.size(), outs.size());
  EXPECT_EQ(forward(-1, args.data(), strides.data(), outs.data()), -1);
  EXPECT_EQ(forward(4, nullptr, strides.data(), outs.data()), -1);
  EXPECT_EQ(forward(4, args.data(), nullptr, outs.data()), -1);
  EXPECT_EQ(forward(4, args.data(), strides.data(), nullptr), -1);
  args[1] = nullptr;
  EXPECT_EQ(forward(4, args.data(), strides.data(), outs.data()), -1);
  args[1] = scaling.data();
  outs[0] = nullptr;
  EXPECT_EQ(forward(4, args.data(), strides.data(), outs.data()), -1);
  EXPECT_EQ(x[0], -1.0) << "an invalid call writes nothing";
  outs[0] = x.data();
  EXPECT_EQ(forward(0, args.data(), strides.data(), outs.data()), 0);
  EXPECT_EQ(forward(4, args.data(), strides.data(), outs.data()), 0);
  EXPECT_NEAR(x[3], 1.0, 1e-10); // 2 x^3 + x = 3

  // The range entry: the same checks, and ranges that are not whole aligned blocks of the batch.
  // This implicit solve runs on lanes, so its ranges are aligned to the lane width (2 to 16).
  const auto range = loaded.ranges.at("forward");
  const std::int64_t a = loaded.range_aligns.at("forward");
  EXPECT_GT(a, 1);
  EXPECT_EQ(NEML2_KERNEL_RANGE_ALIGN % a, 0) << "kernel_abi.h: every alignment divides NEML2_KERNEL_RANGE_ALIGN";
  std::vector<double> bb(static_cast<std::size_t>(2 * a + 5), 3.0), xx(bb.size(), -1.0);
  const std::int64_t n = static_cast<std::int64_t>(bb.size());
  args[0] = bb.data();
  outs[0] = xx.data();
  EXPECT_EQ(range(n, 1, n, args.data(), strides.data(), outs.data()), -1) << "first not aligned";
  EXPECT_EQ(range(n, 0, a + 1, args.data(), strides.data(), outs.data()), -1) << "last neither aligned nor n";
  EXPECT_EQ(range(n, 2 * a, a, args.data(), strides.data(), outs.data()), -1) << "first > last";
  EXPECT_EQ(range(n, 0, n + a, args.data(), strides.data(), outs.data()), -1) << "last > n";
  EXPECT_EQ(range(n, 0, a, args.data(), strides.data(), nullptr), -1);
  EXPECT_EQ(xx[0], -1.0) << "an invalid call writes nothing";
  EXPECT_EQ(range(n, a, n, args.data(), strides.data(), outs.data()), 0);
  EXPECT_EQ(xx[a - 1], -1.0) << "points before the range are not written";
  EXPECT_NEAR(xx[static_cast<std::size_t>(n - 1)], 1.0, 1e-10);
  EXPECT_EQ(range(n, 0, a, args.data(), strides.data(), outs.data()), 0);
  EXPECT_NEAR(xx[0], 1.0, 1e-10);
}
