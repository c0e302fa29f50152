"""A labelled set of solutions with known time complexity, for the complexity estimator.

Several solutions per problem, optimal and not, including ones whose cost is
hidden in C-level calls (sorting, bisect, list.index, str.replace). Labels are
the true growth on each problem's own generator (the generator's n). The
split tag separates the part used to choose the estimator's thresholds
("train") from the held-out part it is reported on ("test").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labelled:
    """One solution with its true class."""

    name: str
    problem: str
    label: str
    split: str
    code: str


def _s(method: str, body: str) -> str:
    lines = body.strip("\n").splitlines()
    return "class Solution:\n    def " + method + ":\n" + "\n".join("        " + ln for ln in lines) + "\n"


SOLUTIONS: list[Labelled] = [
    # ---- two-sum
    Labelled("two-sum-hash", "two-sum", "O(n)", "train", _s("twoSum(self, nums, target)", """
seen = {}
for j, v in enumerate(nums):
    if target - v in seen:
        return [seen[target - v], j]
    seen[v] = j
""")),
    Labelled("two-sum-brute", "two-sum", "O(n^2)", "test", _s("twoSum(self, nums, target)", """
n = len(nums)
for i in range(n):
    for j in range(i + 1, n):
        if nums[i] + nums[j] == target:
            return [i, j]
""")),
    Labelled("two-sum-sort", "two-sum", "O(n log n)", "train", _s("twoSum(self, nums, target)", """
order = sorted(range(len(nums)), key=lambda k: nums[k])
lo, hi = 0, len(nums) - 1
while lo < hi:
    s = nums[order[lo]] + nums[order[hi]]
    if s == target:
        return [order[lo], order[hi]]
    if s < target:
        lo += 1
    else:
        hi -= 1
""")),
    # ---- contains-duplicate
    Labelled("dup-set", "contains-duplicate", "O(n)", "test", _s("containsDuplicate(self, nums)", """
seen = set()
for v in nums:
    if v in seen:
        return True
    seen.add(v)
return False
""")),
    Labelled("dup-sort", "contains-duplicate", "O(n log n)", "train", _s("containsDuplicate(self, nums)", """
nums = sorted(nums)
for i in range(1, len(nums)):
    if nums[i] == nums[i - 1]:
        return True
return False
""")),
    Labelled("dup-len-set", "contains-duplicate", "O(n)", "test", _s("containsDuplicate(self, nums)", """
return len(set(nums)) != len(nums)
""")),
    # ---- maximum-subarray
    Labelled("maxsub-kadane", "maximum-subarray", "O(n)", "train", _s("maxSubArray(self, nums)", """
best = cur = nums[0]
for v in nums[1:]:
    cur = max(v, cur + v)
    best = max(best, cur)
return best
""")),
    Labelled("maxsub-quadratic", "maximum-subarray", "O(n^2)", "test", _s("maxSubArray(self, nums)", """
best = nums[0]
for i in range(len(nums)):
    total = 0
    for j in range(i, len(nums)):
        total += nums[j]
        if total > best:
            best = total
return best
""")),
    Labelled("maxsub-cubic", "maximum-subarray", "O(n^3)", "train", _s("maxSubArray(self, nums)", """
best = nums[0]
n = len(nums)
for i in range(n):
    for j in range(i, n):
        total = 0
        for k in range(i, j + 1):
            total += nums[k]
        best = max(best, total)
return best
""")),
    Labelled("maxsub-divide", "maximum-subarray", "O(n log n)", "test", _s("maxSubArray(self, nums)", """
def solve(lo, hi):
    if lo == hi:
        return nums[lo]
    mid = (lo + hi) // 2
    left_best, total = float("-inf"), 0
    for i in range(mid, lo - 1, -1):
        total += nums[i]
        left_best = max(left_best, total)
    right_best, total = float("-inf"), 0
    for i in range(mid + 1, hi + 1):
        total += nums[i]
        right_best = max(right_best, total)
    return max(solve(lo, mid), solve(mid + 1, hi), left_best + right_best)
return solve(0, len(nums) - 1)
""")),
    # ---- product-of-array-except-self
    Labelled("product-prefix", "product-of-array-except-self", "O(n)", "train",
             _s("productExceptSelf(self, nums)", """
n = len(nums)
out = [1] * n
acc = 1
for i in range(n):
    out[i] = acc
    acc *= nums[i]
acc = 1
for i in range(n - 1, -1, -1):
    out[i] *= acc
    acc *= nums[i]
return out
""")),
    Labelled("product-brute", "product-of-array-except-self", "O(n^2)", "test",
             _s("productExceptSelf(self, nums)", """
out = []
for i in range(len(nums)):
    p = 1
    for j in range(len(nums)):
        if j != i:
            p *= nums[j]
    out.append(p)
return out
""")),
    # ---- search-in-rotated-sorted-array
    Labelled("rotated-binary", "search-in-rotated-sorted-array", "O(log n)", "train",
             _s("search(self, nums, target)", """
lo, hi = 0, len(nums) - 1
while lo <= hi:
    mid = (lo + hi) // 2
    if nums[mid] == target:
        return mid
    if nums[lo] <= nums[mid]:
        if nums[lo] <= target < nums[mid]:
            hi = mid - 1
        else:
            lo = mid + 1
    else:
        if nums[mid] < target <= nums[hi]:
            lo = mid + 1
        else:
            hi = mid - 1
return -1
""")),
    Labelled("rotated-scan", "search-in-rotated-sorted-array", "O(n)", "test",
             _s("search(self, nums, target)", """
for i, v in enumerate(nums):
    if v == target:
        return i
return -1
""")),
    Labelled("rotated-index", "search-in-rotated-sorted-array", "O(n)", "train",
             _s("search(self, nums, target)", """
return nums.index(target) if target in nums else -1
""")),
    # ---- climbing-stairs
    Labelled("stairs-dp", "climbing-stairs", "O(n)", "test", _s("climbStairs(self, n)", """
a, b = 1, 1
for _ in range(n - 1):
    a, b = b, a + b
return b
""")),
    Labelled("stairs-naive", "climbing-stairs", "O(2^n)", "train", _s("climbStairs(self, n)", """
if n <= 2:
    return n
return self.climbStairs(n - 1) + self.climbStairs(n - 2)
""")),
    Labelled("stairs-formula", "climbing-stairs", "O(1)", "test", _s("climbStairs(self, n)", """
root5 = 5 ** 0.5
phi = (1 + root5) / 2
return round(phi ** (n + 1) / root5)
""")),
    # ---- valid-parentheses
    Labelled("parens-stack", "valid-parentheses", "O(n)", "train", _s("isValid(self, s)", """
pairs = {')': '(', ']': '[', '}': '{'}
stack = []
for ch in s:
    if ch in pairs:
        if not stack or stack.pop() != pairs[ch]:
            return False
    else:
        stack.append(ch)
return not stack
""")),
    # ---- trapping-rain-water
    Labelled("trap-two-pointers", "trapping-rain-water", "O(n)", "train", _s("trap(self, height)", """
lo, hi = 0, len(height) - 1
left = right = water = 0
while lo < hi:
    if height[lo] < height[hi]:
        left = max(left, height[lo])
        water += left - height[lo]
        lo += 1
    else:
        right = max(right, height[hi])
        water += right - height[hi]
        hi -= 1
return water
""")),
    Labelled("trap-brute", "trapping-rain-water", "O(n^2)", "test", _s("trap(self, height)", """
water = 0
n = len(height)
for i in range(n):
    left = 0
    for j in range(i + 1):
        if height[j] > left:
            left = height[j]
    right = 0
    for j in range(i, n):
        if height[j] > right:
            right = height[j]
    water += min(left, right) - height[i]
return water
""")),
    # ---- 3sum
    Labelled("3sum-two-pointers", "3sum", "O(n^2)", "train", _s("threeSum(self, nums)", """
nums = sorted(nums)
out = []
n = len(nums)
for i in range(n - 2):
    if i and nums[i] == nums[i - 1]:
        continue
    lo, hi = i + 1, n - 1
    while lo < hi:
        s = nums[i] + nums[lo] + nums[hi]
        if s == 0:
            out.append([nums[i], nums[lo], nums[hi]])
            lo += 1
            while lo < hi and nums[lo] == nums[lo - 1]:
                lo += 1
        elif s < 0:
            lo += 1
        else:
            hi -= 1
return out
""")),
    Labelled("3sum-cubic", "3sum", "O(n^3)", "test", _s("threeSum(self, nums)", """
found = set()
n = len(nums)
for i in range(n):
    for j in range(i + 1, n):
        for k in range(j + 1, n):
            if nums[i] + nums[j] + nums[k] == 0:
                found.add(tuple(sorted((nums[i], nums[j], nums[k]))))
return [list(t) for t in found]
""")),
    # ---- longest-increasing-subsequence
    Labelled("lis-patience", "longest-increasing-subsequence", "O(n log n)", "train",
             _s("lengthOfLIS(self, nums)", """
tails = []
for v in nums:
    i = bisect_left(tails, v)
    if i == len(tails):
        tails.append(v)
    else:
        tails[i] = v
return len(tails)
""")),
    Labelled("lis-dp", "longest-increasing-subsequence", "O(n^2)", "test", _s("lengthOfLIS(self, nums)", """
n = len(nums)
best = [1] * n
for i in range(n):
    for j in range(i):
        if nums[j] < nums[i] and best[j] + 1 > best[i]:
            best[i] = best[j] + 1
return max(best)
""")),
    # ---- merge-intervals
    Labelled("merge-sort", "merge-intervals", "O(n log n)", "test", _s("merge(self, intervals)", """
intervals.sort(key=lambda x: x[0])
out = []
for s, e in intervals:
    if out and s <= out[-1][1]:
        out[-1][1] = max(out[-1][1], e)
    else:
        out.append([s, e])
return out
""")),
    Labelled("merge-insertion", "merge-intervals", "O(n^2)", "train", _s("merge(self, intervals)", """
ordered = []
for iv in intervals:
    k = 0
    while k < len(ordered) and ordered[k][0] < iv[0]:
        k += 1
    ordered.insert(k, iv)
out = []
for s, e in ordered:
    if out and s <= out[-1][1]:
        out[-1][1] = max(out[-1][1], e)
    else:
        out.append([s, e])
return out
""")),
    # ---- kth-largest
    Labelled("kth-sorted", "kth-largest-element-in-an-array", "O(n log n)", "train",
             _s("findKthLargest(self, nums, k)", """
return sorted(nums)[-k]
""")),
    Labelled("kth-heapify-pop", "kth-largest-element-in-an-array", "O(n log n)", "test",
             _s("findKthLargest(self, nums, k)", """
h = [-v for v in nums]
heapify(h)
for _ in range(len(nums) - 1):
    heappop(h)
return -h[0] if k == len(nums) else sorted(nums)[-k]
""")),
    # ---- lru-cache (per operation)
    Labelled("lru-ordered-dict", "lru-cache", "O(1)", "train", """
class LRUCache:
    def __init__(self, capacity):
        self.cap = capacity
        self.d = OrderedDict()
    def get(self, key):
        if key not in self.d:
            return -1
        self.d.move_to_end(key)
        return self.d[key]
    def put(self, key, value):
        self.d[key] = value
        self.d.move_to_end(key)
        if len(self.d) > self.cap:
            self.d.popitem(last=False)
"""),
    # ---- min-stack (per operation)
    Labelled("minstack-pairs", "min-stack", "O(1)", "test", """
class MinStack:
    def __init__(self):
        self.s = []
    def push(self, val):
        self.s.append((val, min(val, self.s[-1][1]) if self.s else val))
    def pop(self):
        self.s.pop()
    def top(self):
        return self.s[-1][0]
    def getMin(self):
        return self.s[-1][1]
"""),
    Labelled("minstack-scan", "min-stack", "O(n)", "train", """
class MinStack:
    def __init__(self):
        self.s = []
    def push(self, val):
        self.s.append(val)
    def pop(self):
        self.s.pop()
    def top(self):
        return self.s[-1]
    def getMin(self):
        best = self.s[0]
        for v in self.s:
            if v < best:
                best = v
        return best
"""),
    # ---- reverse-linked-list
    Labelled("reverse-iter", "reverse-linked-list", "O(n)", "test", _s("reverseList(self, head)", """
prev = None
while head:
    head.next, prev, head = prev, head, head.next
return prev
""")),
    Labelled("reverse-tail-walk", "reverse-linked-list", "O(n^2)", "train", _s("reverseList(self, head)", """
if head is None:
    return None
new_head = None
tail = None
while head is not None:
    prev, cur = None, head
    while cur.next is not None:
        prev, cur = cur, cur.next
    if prev is None:
        head = None
    else:
        prev.next = None
    if new_head is None:
        new_head = tail = cur
    else:
        tail.next = cur
        tail = cur
return new_head
""")),
    # ---- subsets
    Labelled("subsets-backtrack", "subsets", "O(2^n)", "test", _s("subsets(self, nums)", """
out = []
def go(i, cur):
    if i == len(nums):
        out.append(cur[:])
        return
    go(i + 1, cur)
    cur.append(nums[i])
    go(i + 1, cur)
    cur.pop()
go(0, [])
return out
""")),
    Labelled("subsets-bitmask", "subsets", "O(2^n)", "train", _s("subsets(self, nums)", """
out = []
for mask in range(1 << len(nums)):
    out.append([nums[i] for i in range(len(nums)) if mask >> i & 1])
return out
""")),
    # ---- two-sum-ii
    Labelled("twosum2-pointers", "two-sum-ii-input-array-is-sorted", "O(n)", "test",
             _s("twoSum(self, numbers, target)", """
lo, hi = 0, len(numbers) - 1
while lo < hi:
    s = numbers[lo] + numbers[hi]
    if s == target:
        return [lo + 1, hi + 1]
    if s < target:
        lo += 1
    else:
        hi -= 1
""")),
    Labelled("twosum2-bisect", "two-sum-ii-input-array-is-sorted", "O(n log n)", "train",
             _s("twoSum(self, numbers, target)", """
for i, v in enumerate(numbers):
    j = bisect_left(numbers, target - v, i + 1)
    if j < len(numbers) and numbers[j] == target - v:
        return [i + 1, j + 1]
""")),
    # ---- container-with-most-water
    Labelled("container-pointers", "container-with-most-water", "O(n)", "train",
             _s("maxArea(self, height)", """
lo, hi, best = 0, len(height) - 1, 0
while lo < hi:
    best = max(best, (hi - lo) * min(height[lo], height[hi]))
    if height[lo] < height[hi]:
        lo += 1
    else:
        hi -= 1
return best
""")),
    Labelled("container-brute", "container-with-most-water", "O(n^2)", "test",
             _s("maxArea(self, height)", """
best = 0
for i in range(len(height)):
    for j in range(i + 1, len(height)):
        area = (j - i) * min(height[i], height[j])
        if area > best:
            best = area
return best
""")),
    # ---- house-robber
    Labelled("robber-dp", "house-robber", "O(n)", "test", _s("rob(self, nums)", """
take, skip = 0, 0
for v in nums:
    take, skip = skip + v, max(take, skip)
return max(take, skip)
""")),
    Labelled("robber-naive", "house-robber", "O(2^n)", "train", _s("rob(self, nums)", """
def best(i):
    if i >= len(nums):
        return 0
    return max(nums[i] + best(i + 2), best(i + 1))
return best(0)
""")),
]

# Written after the estimator was frozen and run exactly once (split "holdout"): a fresh
# check that the figures above are not the product of tuning on this set.
SOLUTIONS += [
    Labelled("consec-set", "longest-consecutive-sequence", "O(n)", "holdout",
             _s("longestConsecutive(self, nums)", """
have = set(nums)
best = 0
for v in have:
    if v - 1 not in have:
        end = v
        while end + 1 in have:
            end += 1
        best = max(best, end - v + 1)
return best
""")),
    Labelled("consec-sort", "longest-consecutive-sequence", "O(n log n)", "holdout",
             _s("longestConsecutive(self, nums)", """
if not nums:
    return 0
nums = sorted(set(nums))
best = run = 1
for i in range(1, len(nums)):
    run = run + 1 if nums[i] == nums[i - 1] + 1 else 1
    best = max(best, run)
return best
""")),
    Labelled("daily-stack", "daily-temperatures", "O(n)", "holdout",
             _s("dailyTemperatures(self, temperatures)", """
out = [0] * len(temperatures)
stack = []
for i, t in enumerate(temperatures):
    while stack and temperatures[stack[-1]] < t:
        j = stack.pop()
        out[j] = i - j
    stack.append(i)
return out
""")),
    Labelled("daily-brute", "daily-temperatures", "O(n^2)", "holdout",
             _s("dailyTemperatures(self, temperatures)", """
n = len(temperatures)
out = [0] * n
for i in range(n):
    for j in range(i + 1, n):
        if temperatures[j] > temperatures[i]:
            out[i] = j - i
            break
return out
""")),
    Labelled("jump-greedy", "jump-game", "O(n)", "holdout", _s("canJump(self, nums)", """
reach = 0
for i, step in enumerate(nums):
    if i > reach:
        return False
    reach = max(reach, i + step)
return True
""")),
    Labelled("coins-dp", "coin-change", "O(n)", "holdout", _s("coinChange(self, coins, amount)", """
INF = amount + 1
best = [0] + [INF] * amount
for a in range(1, amount + 1):
    for c in coins:
        if c <= a and best[a - c] + 1 < best[a]:
            best[a] = best[a - c] + 1
return best[amount] if best[amount] <= amount else -1
""")),
    Labelled("topk-sort", "top-k-frequent-elements", "O(n)", "holdout", _s("topKFrequent(self, nums, k)", """
counts = {}
for v in nums:
    counts[v] = counts.get(v, 0) + 1
return [v for v, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:k]]
""")),
    Labelled("palindrome-pointers", "valid-palindrome", "O(n)", "holdout", _s("isPalindrome(self, s)", """
i, j = 0, len(s) - 1
while i < j:
    while i < j and not s[i].isalnum():
        i += 1
    while i < j and not s[j].isalnum():
        j -= 1
    if s[i].lower() != s[j].lower():
        return False
    i += 1
    j -= 1
return True
""")),
    Labelled("depth-recursive", "maximum-depth-of-binary-tree", "O(n)", "holdout", _s("maxDepth(self, root)", """
if root is None:
    return 0
return 1 + max(self.maxDepth(root.left), self.maxDepth(root.right))
""")),
    Labelled("colors-bubble", "sort-colors", "O(n^2)", "holdout", _s("sortColors(self, nums)", """
n = len(nums)
for i in range(n):
    for j in range(n - 1 - i):
        if nums[j] > nums[j + 1]:
            nums[j], nums[j + 1] = nums[j + 1], nums[j]
""")),
    Labelled("colors-count", "sort-colors", "O(n)", "holdout", _s("sortColors(self, nums)", """
counts = [0, 0, 0]
for v in nums:
    counts[v] += 1
i = 0
for colour in range(3):
    for _ in range(counts[colour]):
        nums[i] = colour
        i += 1
""")),
]
