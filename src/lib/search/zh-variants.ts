/**
 * Traditional → simplified Chinese for search queries. The site is written in simplified
 * characters; a reader who types traditional ones (水質, 環保, 問題) should still find it. The
 * table covers the common characters of environmental and government texts; a character
 * outside it is left as typed (a known limit, documented on the search page). Characters that are
 * also simplified ones in their own right (覆 in 覆盖) are not in the table.
 */
const TRADITIONAL =
  '質環汙廢業問題紅線廠處電價氣鎮顧態護標準級營歸劃監測點區園實現達運輸農產發開關閉養殖場鍋爐燒噸設計劃計劃備與個們來時會對學術機構體制圖書館長門頭為無動還進過這裡後從樣將話說讓應該請認讀寫聽見視覺響聲車軍東風陽陰雲龍馬鳥魚麥黃綠藍黑華國際經濟貿易總統記錄報紙張數據庫檢驗驗證證據條約項務統籌規劃調整整頓淨潔淺濃減淘汰燈號碼壓縮萬億兩負責權利義務議會員導師範團隊組織織維繫聯絡網絡絡繹續斷層橋樑樓閣屬於產業鏈結構築築建築壞損傷傳統風險災難職責稅費補貼貸款銀錢幣鋼鐵銅錫鋁鉛鎳鋅礦鹽餘蟲滅藥劑醫療養疾病衛廁戶畝畜禽漁獵類別項確認審批復蓋範圍糧飯飲灣潮濕滬蘇錫紡織織染纖維塑膠膠紙漿漿廠電鍍機械傢俱飾飲料釀酒肉蔬菜雞鴨豬場賬簿簽訂嚴厲懲罰執法訴訟舉檢舉報網格巡視察督導辦決議圍繞擴張鬆緊縣鄉村莊社區街巷溝渠堤壩閘灌溉噪聲輻射態壤異樣氮磷氫氧鈉鉀鈣鎂臭濁渾濾淤積蓄臨時現狀況況趨勢變化彙總計較較輕輕重選擇擬擁護護欄闊窄寬廣場圓規則範例舊新續積極積累極限遷移遲緩啟動啟發層級階段陣營參與參加預警黑名單單獨單位評價評估評選優良優先優惠惡劣惡化違規違法證照照顧適當適用願意隨機隨時節約節能環節滯後後續邊緣邊界邊際過濾濾網淨化級別';
const SIMPLIFIED =
  '质环污废业问题红线厂处电价气镇顾态护标准级营归划监测点区园实现达运输农产发开关闭养殖场锅炉烧吨设计划计划备与个们来时会对学术机构体制图书馆长门头为无动还进过这里后从样将话说让应该请认读写听见视觉响声车军东风阳阴云龙马鸟鱼麦黄绿蓝黑华国际经济贸易总统记录报纸张数据库检验验证证据条约项务统筹规划调整整顿净洁浅浓减淘汰灯号码压缩万亿两负责权利义务议会员导师范团队组织织维系联络网络络绎续断层桥梁楼阁属于产业链结构筑筑建筑坏损伤传统风险灾难职责税费补贴贷款银钱币钢铁铜锡铝铅镍锌矿盐余虫灭药剂医疗养疾病卫厕户亩畜禽渔猎类别项确认审批复盖范围粮饭饮湾潮湿沪苏锡纺织织染纤维塑胶胶纸浆浆厂电镀机械家具饰饮料酿酒肉蔬菜鸡鸭猪场账簿签订严厉惩罚执法诉讼举检举报网格巡视察督导办决议围绕扩张松紧县乡村庄社区街巷沟渠堤坝闸灌溉噪声辐射态壤异样氮磷氢氧钠钾钙镁臭浊浑滤淤积蓄临时现状况况趋势变化汇总计较较轻轻重选择拟拥护护栏阔窄宽广场圆规则范例旧新续积极积累极限迁移迟缓启动启发层级阶段阵营参与参加预警黑名单单独单位评价评估评选优良优先优惠恶劣恶化违规违法证照照顾适当适用愿意随机随时节约节能环节滞后后续边缘边界边际过滤滤网净化级别';

const MAP: ReadonlyMap<string, string> = (() => {
  const t = [...TRADITIONAL];
  const s = [...SIMPLIFIED];
  if (t.length !== s.length) throw new Error(`zh-variants: table lengths differ (${t.length} vs ${s.length})`);
  const m = new Map<string, string>();
  t.forEach((ch, i) => {
    if (ch !== s[i]) m.set(ch, s[i]!);
  });
  return m;
})();

export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += MAP.get(ch) ?? ch;
  return out;
}

export const TRADITIONAL_TABLE_SIZE = MAP.size;
