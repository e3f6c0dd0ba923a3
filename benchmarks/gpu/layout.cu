// neml2-gpu-layout: which memory layout should a one-thread-per-point kernel read and write?
//
//   nvcc -O3 -std=c++17 -arch=sm_90 benchmarks/gpu/layout.cu -o neml2-gpu-layout
//   neml2-gpu-layout [points=10000000] [csv]
//
// The compiled kernels take the caller's layout: point-major "AoS" Mandel vectors (6 doubles
// per point, 48 B apart), one thread per point. Neighbouring threads then read addresses 48 B
// apart, so each warp-wide load touches 6x the cache lines it uses; the L1/L2 usually catch the
// rest, but that is what this measures instead of assuming. Linear elasticity (6 in, 6 out, the
// bandwidth-bound case) in three layouts:
//   aos        thread p reads x[6p..6p+5], writes y[6p..6p+5]      (what the artifacts do now)
//   soa        component c of point p at x[c*n + p]                 (fully coalesced; the caller
//                                                                    would have to transpose)
//   aos_smem   AoS in global memory, staged through shared memory with coalesced block copies
// plus a device-to-device copy of the same bytes as the roofline. Prints GB/s at 96 B/point.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <cuda_runtime.h>

#define CHECK(call)                                                                               \
  do                                                                                              \
  {                                                                                               \
    cudaError_t e_ = (call);                                                                      \
    if (e_ != cudaSuccess)                                                                        \
    {                                                                                             \
      std::fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      std::exit(1);                                                                               \
    }                                                                                             \
  } while (0)

namespace
{
constexpr int block = 128;

// σ = 3K vol(ε) + 2G dev(ε) on Mandel components (the seed model: E = 200e3, ν = 0.3).
__device__ inline void
elasticity(const double e[6], double s[6])
{
  const double E = 200e3, nu = 0.3;
  const double K = E / (3 * (1 - 2 * nu)), G = E / (2 * (1 + nu));
  const double tr = (e[0] + e[1] + e[2]) / 3;
  for (int c = 0; c < 3; ++c)
    s[c] = 3 * K * tr + 2 * G * (e[c] - tr);
  for (int c = 3; c < 6; ++c)
    s[c] = 2 * G * e[c];
}

__global__ void
aos(long n, const double * __restrict__ x, double * __restrict__ y)
{
  for (long p = blockIdx.x * (long)blockDim.x + threadIdx.x; p < n; p += (long)gridDim.x * blockDim.x)
  {
    double e[6], s[6];
    for (int c = 0; c < 6; ++c)
      e[c] = x[6 * p + c];
    elasticity(e, s);
    for (int c = 0; c < 6; ++c)
      y[6 * p + c] = s[c];
  }
}

__global__ void
soa(long n, const double * __restrict__ x, double * __restrict__ y)
{
  for (long p = blockIdx.x * (long)blockDim.x + threadIdx.x; p < n; p += (long)gridDim.x * blockDim.x)
  {
    double e[6], s[6];
    for (int c = 0; c < 6; ++c)
      e[c] = x[c * n + p];
    elasticity(e, s);
    for (int c = 0; c < 6; ++c)
      y[c * n + p] = s[c];
  }
}

__global__ void
aos_smem(long n, const double * __restrict__ x, double * __restrict__ y)
{
  __shared__ double tile[6 * block];
  for (long first = blockIdx.x * (long)block; first < n; first += (long)gridDim.x * block)
  {
    const long count = n - first < block ? n - first : block;
    for (int k = threadIdx.x; k < 6 * count; k += block) // coalesced: consecutive threads, consecutive words
      tile[k] = x[6 * first + k];
    __syncthreads();
    if (threadIdx.x < count)
    {
      double e[6], s[6];
      for (int c = 0; c < 6; ++c)
        e[c] = tile[6 * threadIdx.x + c];
      elasticity(e, s);
      for (int c = 0; c < 6; ++c)
        tile[6 * threadIdx.x + c] = s[c];
    }
    __syncthreads();
    for (int k = threadIdx.x; k < 6 * count; k += block)
      y[6 * first + k] = tile[k];
    __syncthreads();
  }
}

template <typename F>
double
median_ms(F && launch, int reps = 20)
{
  cudaEvent_t a, b;
  CHECK(cudaEventCreate(&a));
  CHECK(cudaEventCreate(&b));
  launch(); // warm-up
  CHECK(cudaDeviceSynchronize());
  std::vector<float> t;
  for (int r = 0; r < reps; ++r)
  {
    CHECK(cudaEventRecord(a));
    launch();
    CHECK(cudaEventRecord(b));
    CHECK(cudaEventSynchronize(b));
    float ms = 0;
    CHECK(cudaEventElapsedTime(&ms, a, b));
    t.push_back(ms);
  }
  CHECK(cudaGetLastError());
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}
} // namespace

int
main(int argc, char ** argv)
{
  const long n = argc > 1 ? std::atol(argv[1]) : 10000000L;
  const bool csv = argc > 2;
  cudaDeviceProp prop{};
  CHECK(cudaGetDeviceProperties(&prop, 0));
  const size_t bytes = 6 * n * sizeof(double);
  double *x, *y, *z;
  CHECK(cudaMalloc(&x, bytes));
  CHECK(cudaMalloc(&y, bytes));
  CHECK(cudaMalloc(&z, bytes));
  std::vector<double> h(6 * n);
  for (long i = 0; i < 6 * n; ++i)
    h[i] = 1e-3 * ((i * 2654435761u) % 1000 - 500) / 500.0;
  CHECK(cudaMemcpy(x, h.data(), bytes, cudaMemcpyHostToDevice));

  const int grid = std::min<long>((n + block - 1) / block, 65535L * 16);
  struct Row
  {
    const char * name;
    double ms;
  };
  std::vector<Row> rows;
  rows.push_back({"copy", median_ms([&] { CHECK(cudaMemcpyAsync(y, x, bytes, cudaMemcpyDeviceToDevice)); })});
  rows.push_back({"aos", median_ms([&] { aos<<<grid, block>>>(n, x, y); })});
  rows.push_back({"soa", median_ms([&] { soa<<<grid, block>>>(n, x, y); })});
  rows.push_back({"aos_smem", median_ms([&] { aos_smem<<<grid, block>>>(n, x, z); })});

  // The three kernels must agree (soa read the same words as another layout: compare aos with
  // aos_smem, which share the layout).
  std::vector<double> a(6 * n), b(6 * n);
  aos<<<grid, block>>>(n, x, y);
  CHECK(cudaMemcpy(a.data(), y, bytes, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(b.data(), z, bytes, cudaMemcpyDeviceToHost));
  const bool same = std::equal(a.begin(), a.end(), b.begin());

  const double copy_gbps = 2.0 * bytes / (rows[0].ms * 1e-3) / 1e9;
  if (csv)
    std::printf("layout,ms,GBps,fraction_of_copy\n");
  else
    std::printf("%s, %ld points, 96 B/point; device-to-device copy %.0f GB/s (read + write)\n", prop.name, n,
                copy_gbps);
  for (const auto & r : rows)
  {
    const double gbps = 2.0 * bytes / (r.ms * 1e-3) / 1e9;
    if (csv)
      std::printf("%s,%.4f,%.1f,%.3f\n", r.name, r.ms, gbps, gbps / copy_gbps);
    else
      std::printf("  %-9s %8.3f ms  %7.0f GB/s  %5.1f%% of copy\n", r.name, r.ms, gbps, 100 * gbps / copy_gbps);
  }
  if (!same)
    std::fprintf(stderr, "aos and aos_smem disagree\n");
  CHECK(cudaFree(x));
  CHECK(cudaFree(y));
  CHECK(cudaFree(z));
  return same ? 0 : 1;
}
