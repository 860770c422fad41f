// The engine's pipelines written in C++, for `npm run bench` to time beside the engine in the same
// run (built with Debian's g++ -O2). Each is a line-by-line transcription of the engine's plain
// JavaScript: the same loops, layouts and kernels, every intermediate kept as the engine keeps it.
//
//   pipeline matmul S   quantizedMatMul of two S×S float matrices (src/engine/quantizedMatMul.ts):
//                       the float reference, min/max and parameters (gemmlowp's ChooseQuantizationParams),
//                       codes, the int32 product, the fixed-point output stage, dequantization.
//   pipeline conv H C   TFLite's reference ConvPerChannel (src/models/tflite/convOps.ts): a 3×3 CONV_2D,
//                       SAME padding, stride 1, H×H×C int8 → C channels, per-channel multipliers.
//
// Inputs come from the bench's own generator (mulberry32), so both sides see the same numbers; each
// prints its best time over the runs and an FNV-1a hash of its outputs, which the bench compares.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

namespace {

struct Random {
  uint32_t a;
  double next() {
    a += 0x6d2b79f5u;
    uint32_t t = a;
    t = (t ^ (t >> 15)) * (t | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    return static_cast<double>(t ^ (t >> 14)) / 4294967296.0;
  }
};

std::vector<float> floats(size_t n, uint32_t seed) {
  Random r{seed};
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(r.next() * 2 - 1);
  return v;
}

uint32_t fnv(uint32_t h, const void* data, size_t bytes) {
  const auto* p = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < bytes; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

// gemmlowp's fixed-point primitives (fixedpoint.h).
int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  bool overflow = a == b && a == INT32_MIN;
  int64_t ab_64 = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  int32_t nudge = ab_64 >= 0 ? (1 << 30) : (1 - (1 << 30));
  int32_t ab_x2_high32 = static_cast<int32_t>((ab_64 + nudge) / (1ll << 31));
  return overflow ? INT32_MAX : ab_x2_high32;
}

int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((1ll << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// TFLite's MultiplyByQuantizedMultiplier (the double-rounding form the engine's model runner uses).
int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t m, int shift) {
  int left = shift > 0 ? shift : 0;
  int right = shift > 0 ? 0 : -shift;
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x * (1 << left), m), right);
}

struct Params {
  float scale;
  int32_t zero_point;
};

// gemmlowp's doc/quantization_example.cc ChooseQuantizationParams for uint8.
Params ChooseQuantizationParams(float min, float max) {
  min = std::min(min, 0.f);
  max = std::max(max, 0.f);
  const float qmin = 0, qmax = 255;
  const double scale = static_cast<float>(max - min) / (qmax - qmin);
  const float s = static_cast<float>(scale);
  const double initial_zero_point = qmin - min / static_cast<double>(s);
  int32_t z;
  if (initial_zero_point < qmin) z = 0;
  else if (initial_zero_point > qmax) z = 255;
  else z = static_cast<int32_t>(std::round(initial_zero_point));
  return {s, z};
}

void MinMax(const std::vector<float>& v, float* min, float* max) {
  float lo = INFINITY, hi = -INFINITY;
  for (float x : v) {
    if (!std::isfinite(x)) std::abort();
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  *min = lo;
  *max = hi;
}

void Quantize(Params p, const std::vector<float>& src, std::vector<uint8_t>& dst) {
  for (size_t i = 0; i < src.size(); i++) {
    const float t = p.zero_point + src[i] / p.scale;
    if (t != t) std::abort();
    const float c = t < 0 ? 0 : t > 255 ? 255 : t;
    dst[i] = static_cast<uint8_t>(std::floor(static_cast<double>(c) + 0.5));
  }
}

// gemmlowp's QuantizeMultiplierSmallerThanOne.
void QuantizeMultiplierSmallerThanOne(float real_multiplier, int32_t* quantized_multiplier, int* right_shift) {
  int s = 0;
  while (real_multiplier < 0.5f) {
    real_multiplier *= 2.0f;
    s++;
  }
  int64_t q = static_cast<int64_t>(std::round(real_multiplier * (1ll << 31)));
  if (q == (1ll << 31)) {
    q /= 2;
    s--;
  }
  *quantized_multiplier = static_cast<int32_t>(q);
  *right_shift = s;
}

// floatMatMul: the RHS by column, four float32 chains at once, j ascending.
void FloatMatMul(int rows, int depth, int cols, const float* a, const float* b, float* out) {
  std::vector<float> bT(static_cast<size_t>(depth) * cols);
  for (int j = 0; j < depth; j++)
    for (int k = 0; k < cols; k++) bT[static_cast<size_t>(k) * depth + j] = b[static_cast<size_t>(j) * cols + k];
  for (int i = 0; i < rows; i++) {
    const float* l = a + static_cast<size_t>(i) * depth;
    int k = 0;
    for (; k + 3 < cols; k += 4) {
      const float* c0 = &bT[static_cast<size_t>(k) * depth];
      const float* c1 = c0 + depth;
      const float* c2 = c1 + depth;
      const float* c3 = c2 + depth;
      float acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
      for (int j = 0; j < depth; j++) {
        acc0 += l[j] * c0[j];
        acc1 += l[j] * c1[j];
        acc2 += l[j] * c2[j];
        acc3 += l[j] * c3[j];
      }
      float* o = out + static_cast<size_t>(i) * cols + k;
      o[0] = acc0;
      o[1] = acc1;
      o[2] = acc2;
      o[3] = acc3;
    }
    for (; k < cols; k++) {
      float acc = 0;
      for (int j = 0; j < depth; j++) acc += l[j] * bT[static_cast<size_t>(k) * depth + j];
      out[static_cast<size_t>(i) * cols + k] = acc;
    }
  }
}

// integerMatMul: zero points subtracted once into int16, the RHS by column, the 1×4 kernel.
void IntegerMatMul(int rows, int depth, int cols, const uint8_t* lhs, int32_t z1, const uint8_t* rhs, int32_t z2,
                   int32_t* out) {
  std::vector<int16_t> a(static_cast<size_t>(rows) * depth), bT(static_cast<size_t>(depth) * cols);
  for (size_t t = 0; t < a.size(); t++) a[t] = static_cast<int16_t>(lhs[t] - z1);
  for (int j = 0; j < depth; j++)
    for (int k = 0; k < cols; k++)
      bT[static_cast<size_t>(k) * depth + j] = static_cast<int16_t>(rhs[static_cast<size_t>(j) * cols + k] - z2);
  for (int i = 0; i < rows; i++) {
    const int16_t* x = &a[static_cast<size_t>(i) * depth];
    int k = 0;
    for (; k + 3 < cols; k += 4) {
      const int16_t* b0 = &bT[static_cast<size_t>(k) * depth];
      const int16_t* b1 = b0 + depth;
      const int16_t* b2 = b1 + depth;
      const int16_t* b3 = b2 + depth;
      int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int j = 0; j < depth; j++) {
        s0 += x[j] * b0[j];
        s1 += x[j] * b1[j];
        s2 += x[j] * b2[j];
        s3 += x[j] * b3[j];
      }
      int32_t* o = out + static_cast<size_t>(i) * cols + k;
      o[0] = s0;
      o[1] = s1;
      o[2] = s2;
      o[3] = s3;
    }
    for (; k < cols; k++) {
      int32_t s = 0;
      for (int j = 0; j < depth; j++) s += x[j] * bT[static_cast<size_t>(k) * depth + j];
      out[static_cast<size_t>(i) * cols + k] = s;
    }
  }
}

struct MatMulResult {
  std::vector<float> reference;
  std::vector<uint8_t> lhs_codes, rhs_codes;
  std::vector<int32_t> acc, high_mul, shifted, offset;
  std::vector<uint8_t> output;
  std::vector<float> dequantized;
  int clamped_low = 0, clamped_high = 0;
};

void QuantizedMatMul(int s, const std::vector<float>& lhs, const std::vector<float>& rhs, MatMulResult& r) {
  const size_t n = static_cast<size_t>(s) * s;
  float lo, hi;
  // resultReal: the inputs' ranges checked, the float reference, the result's parameters.
  MinMax(lhs, &lo, &hi);
  ChooseQuantizationParams(lo, hi);
  MinMax(rhs, &lo, &hi);
  ChooseQuantizationParams(lo, hi);
  r.reference.assign(n, 0);
  FloatMatMul(s, s, s, lhs.data(), rhs.data(), r.reference.data());
  for (float v : r.reference)
    if (!std::isfinite(v)) std::abort();
  MinMax(r.reference, &lo, &hi);
  const Params p3 = ChooseQuantizationParams(lo, hi);
  // The inputs' parameters and codes.
  MinMax(lhs, &lo, &hi);
  const Params p1 = ChooseQuantizationParams(lo, hi);
  MinMax(rhs, &lo, &hi);
  const Params p2 = ChooseQuantizationParams(lo, hi);
  r.lhs_codes.assign(n, 0);
  r.rhs_codes.assign(n, 0);
  Quantize(p1, lhs, r.lhs_codes);
  Quantize(p2, rhs, r.rhs_codes);
  int32_t m0;
  int shift;
  QuantizeMultiplierSmallerThanOne(p1.scale * p2.scale / p3.scale, &m0, &shift);
  r.acc.assign(n, 0);
  IntegerMatMul(s, s, s, r.lhs_codes.data(), p1.zero_point, r.rhs_codes.data(), p2.zero_point, r.acc.data());
  r.high_mul.assign(n, 0);
  r.shifted.assign(n, 0);
  r.offset.assign(n, 0);
  r.output.assign(n, 0);
  r.dequantized.assign(n, 0);
  r.clamped_low = r.clamped_high = 0;
  for (size_t t = 0; t < n; t++) {
    const int32_t h = SaturatingRoundingDoublingHighMul(r.acc[t], m0);
    const int32_t sh = RoundingDivideByPOT(h, shift);
    const int32_t v = sh + p3.zero_point;
    r.high_mul[t] = h;
    r.shifted[t] = sh;
    r.offset[t] = v;
    if (v < 0) r.clamped_low++;
    else if (v > 255) r.clamped_high++;
    r.output[t] = static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v);
  }
  for (size_t t = 0; t < n; t++) r.dequantized[t] = p3.scale * (r.output[t] - p3.zero_point);
}

// ConvPerChannel, as src/models/tflite/convOps.ts conv2d writes it (int8 in, int8 out).
void Conv(int h, int c, const int8_t* input, int32_t z_in, const int8_t* filter, const int32_t* bias,
          const int32_t* multipliers, const int32_t* shifts, int32_t z_out, int32_t* acc, int8_t* out) {
  const int fh = 3, fw = 3, pad = 1;
  size_t o = 0;
  for (int oy = 0; oy < h; oy++)
    for (int ox = 0; ox < h; ox++)
      for (int oc = 0; oc < c; oc++, o++) {
        int32_t sum = 0;
        for (int fy = 0; fy < fh; fy++) {
          const int iy = oy - pad + fy;
          if (iy < 0 || iy >= h) continue;
          for (int fx = 0; fx < fw; fx++) {
            const int ix = ox - pad + fx;
            if (ix < 0 || ix >= h) continue;
            const int8_t* in = input + (static_cast<size_t>(iy) * h + ix) * c;
            const int8_t* f = filter + ((static_cast<size_t>(oc) * fh + fy) * fw + fx) * c;
            for (int ic = 0; ic < c; ic++) sum += (in[ic] - z_in) * f[ic];
          }
        }
        sum += bias[oc];
        acc[o] = sum;
        const int32_t v = MultiplyByQuantizedMultiplier(sum, multipliers[oc], shifts[oc]) + z_out;
        out[o] = static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v);
      }
}

double Now() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <typename F>
double Best(int runs, F f) {
  double best = 1e300;
  for (int i = 0; i < runs; i++) {
    const double t0 = Now();
    f();
    const double t = Now() - t0;
    if (t < best) best = t;
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "matmul") == 0) {
    const int s = std::atoi(argv[2]);
    const int runs = argc >= 4 ? std::atoi(argv[3]) : 9;
    const auto lhs = floats(static_cast<size_t>(s) * s, 3), rhs = floats(static_cast<size_t>(s) * s, 4);
    // A fresh result each run, as the engine returns one (its arrays are new every time).
    MatMulResult r;
    const double ms = Best(runs, [&] {
      MatMulResult fresh;
      QuantizedMatMul(s, lhs, rhs, fresh);
      r = std::move(fresh);
    });
    uint32_t h = 2166136261u;
    h = fnv(h, r.acc.data(), r.acc.size() * 4);
    h = fnv(h, r.output.data(), r.output.size());
    h = fnv(h, r.reference.data(), r.reference.size() * 4);
    std::printf("%.3f %08x\n", ms, h);
    return 0;
  }
  if (argc >= 4 && std::strcmp(argv[1], "conv") == 0) {
    const int h = std::atoi(argv[2]), c = std::atoi(argv[3]);
    const int runs = argc >= 5 ? std::atoi(argv[4]) : 5;
    // The bench's convolution: codes from the generator, as src/…/engine.bench.ts makes them.
    const auto in_f = floats(static_cast<size_t>(h) * h * c, 5), w_f = floats(static_cast<size_t>(c) * 9 * c, 6);
    std::vector<int8_t> input(in_f.size()), filter(w_f.size());
    for (size_t t = 0; t < input.size(); t++) input[t] = static_cast<int8_t>(std::floor(in_f[t] * 127.5));
    for (size_t t = 0; t < filter.size(); t++) filter[t] = static_cast<int8_t>(std::floor(w_f[t] * 127.5));
    std::vector<int32_t> bias(c), multipliers(c), shifts(c);
    for (int k = 0; k < c; k++) {
      bias[k] = (k * 7919) % 20001 - 10000;
      multipliers[k] = 1073741824 + k * 7654321;
      shifts[k] = -9 - (k % 3);
    }
    std::vector<int32_t> acc(static_cast<size_t>(h) * h * c);
    std::vector<int8_t> out(acc.size());
    const double ms = Best(runs, [&] {
      Conv(h, c, input.data(), -3, filter.data(), bias.data(), multipliers.data(), shifts.data(), 5, acc.data(),
           out.data());
    });
    uint32_t hash = 2166136261u;
    hash = fnv(hash, acc.data(), acc.size() * 4);
    hash = fnv(hash, out.data(), out.size());
    std::printf("%.3f %08x\n", ms, hash);
    return 0;
  }
  std::fprintf(stderr, "usage: pipeline matmul S [runs] | pipeline conv H C [runs]\n");
  return 2;
}
